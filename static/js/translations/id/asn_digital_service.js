
            (function(global){
                var AsnXBlocksI18n_asn_digital_service = {
                  init: function() {
                    
'use strict';
{
  const globals = this;
  const django = globals.django || (globals.django = {});

  
  django.pluralidx = function(n) {
    const v = 0;
    if (typeof v === 'boolean') {
      return v ? 1 : 0;
    } else {
      return v;
    }
  };
  

  /* gettext library */

  django.catalog = django.catalog || {};
  
  const newcatalog = {
    "(reflections awaiting grading)": "(refleksi menunggu penilaian)",
    "A new attempt has started.": "Percobaan baru telah dimulai.",
    "Applicant": "Pemohon",
    "Applicant's note": "Catatan pemohon",
    "Attached documents ({n})": "Dokumen terlampir ({n})",
    "Attempts used: {used} of {limit}": "Percobaan yang digunakan: {used} dari {limit}",
    "Back to the queue": "Kembali ke antrean",
    "Choose a unit": "Pilih unit kerja",
    "Competency": "Kompetensi",
    "Complete the form before submitting. Still missing: {parts}.": "Lengkapi formulir sebelum mengirim. Yang masih kurang: {parts}.",
    "Correct": "Benar",
    "Decision": "Keputusan",
    "Decision and routing": "Keputusan dan penerusan",
    "Document type: {type}": "Jenis dokumen: {type}",
    "Draft saved": "Draf tersimpan",
    "Due date": "Batas waktu",
    "Every request in the queue has been submitted.": "Semua permohonan dalam antrean telah dikirim.",
    "Every request is submitted. Your results are shown.": "Semua permohonan telah dikirim. Hasil Anda ditampilkan.",
    "Expected: {answer}": "Seharusnya: {answer}",
    "Fee": "Biaya",
    "Format: {format} (for example {example})": "Format: {format} (misalnya {example})",
    "Holidays: {dates}.": "Hari libur: {dates}.",
    "In progress": "Sedang dikerjakan",
    "Met": "Terpenuhi",
    "New": "Baru",
    "Next request: {applicant}": "Permohonan berikutnya: {applicant}",
    "No documents are attached.": "Tidak ada dokumen yang dilampirkan.",
    "No holidays fall in this period.": "Tidak ada hari libur dalam periode ini.",
    "Not correct": "Tidak benar",
    "Not met": "Tidak terpenuhi",
    "Not saved \u2014 ": "Tidak tersimpan \u2014 ",
    "Not saved \u2014 the connection failed. Check your connection and retry.": "Tidak tersimpan \u2014 koneksi gagal. Periksa koneksi Anda lalu ulangi.",
    "Not saved \u2014 the server could not process the request. Please retry.": "Tidak tersimpan \u2014 server tidak dapat memproses permintaan. Silakan ulangi.",
    "Not saved: {reason}": "Tidak tersimpan: {reason}",
    "Note for the file (optional)": "Catatan untuk berkas (opsional)",
    "Open a request below to read the explanation of each part.": "Buka salah satu permohonan di bawah untuk membaca penjelasan setiap bagian.",
    "Ordered by date received, urgent requests first within a day.": "Diurutkan menurut tanggal diterima; pada hari yang sama, yang mendesak lebih dulu.",
    "Points": "Poin",
    "Points so far: {points}.": "Poin sejauh ini: {points}.",
    "Priority: {priority}": "Prioritas: {priority}",
    "Process the request": "Proses permohonan",
    "Queue": "Antrean",
    "Reason (optional)": "Alasan (opsional)",
    "Received on {date}; time limit: {limit}.": "Diterima pada {date}; jangka waktu penyelesaian: {limit}.",
    "Received: {date}": "Diterima: {date}",
    "Request submitted.": "Permohonan telah dikirim.",
    "Request submitted: {points}. The explanation is shown.": "Permohonan telah dikirim: {points}. Penjelasan ditampilkan.",
    "Requirements": "Persyaratan",
    "Responsible unit": "Unit kerja penanggung jawab",
    "Result": "Hasil",
    "Results": "Hasil",
    "Retry": "Ulangi",
    "Route to": "Teruskan ke",
    "Saving\u2026": "Menyimpan\u2026",
    "Score per request": "Nilai per permohonan",
    "Service": "Layanan",
    "Service standard": "Standar pelayanan",
    "Start again": "Mulai lagi",
    "Status: {status}": "Status: {status}",
    "Submit": "Kirim",
    "Submitted": "Telah dikirim",
    "Submitted.": "Telah dikirim.",
    "Submitted. The explanation is shown when every request in the queue is submitted.": "Telah dikirim. Penjelasan ditampilkan setelah semua permohonan dalam antrean dikirim.",
    "The day of receipt, Saturdays, Sundays and holidays are not counted.": "Hari penerimaan, Sabtu, Minggu, dan hari libur tidak dihitung.",
    "The due date has passed: this exercise is closed.": "Batas waktu sudah lewat: latihan ini ditutup.",
    "The due date \u201c{value}\u201d cannot be read: write it as {format}, for example {example}.": "Batas waktu \u201c{value}\u201d tidak dapat dibaca: tuliskan sebagai {format}, misalnya {example}.",
    "The note must be at most {limit} characters.": "Catatan paling banyak {limit} karakter.",
    "This attempt is finished.": "Percobaan ini sudah selesai.",
    "This request: {points}.": "Permohonan ini: {points}.",
    "Time limit": "Jangka waktu penyelesaian",
    "Total: {points}": "Total: {points}",
    "Try again": "Coba lagi",
    "You have used all your attempts.": "Anda telah menggunakan semua kesempatan percobaan.",
    "Your answer: {answer}": "Jawaban Anda: {answer}",
    "Your note": "Catatan Anda",
    "Your result per competency": "Hasil Anda per kompetensi",
    "Your work is saved as a draft; submit when the form is complete.": "Pekerjaan Anda disimpan sebagai draf; kirim setelah formulir lengkap.",
    "Your work was not saved. Check your connection and retry.": "Pekerjaan Anda tidak tersimpan. Periksa koneksi Anda lalu ulangi.",
    "retry": "ulangi",
    "{date} ({name})": "{date} ({name})",
    "{earned} of {possible} point": [
      "{earned} dari {possible} poin"
    ],
    "{n} of {total} requests submitted.": "{n} dari {total} permohonan telah dikirim.",
    "{n} working day": [
      "{n} hari kerja"
    ]
  };
  for (const key in newcatalog) {
    django.catalog[key] = newcatalog[key];
  }
  

  if (!django.jsi18n_initialized) {
    django.gettext = function(msgid) {
      const value = django.catalog[msgid];
      if (typeof value === 'undefined') {
        return msgid;
      } else {
        return (typeof value === 'string') ? value : value[0];
      }
    };

    django.ngettext = function(singular, plural, count) {
      const value = django.catalog[singular];
      if (typeof value === 'undefined') {
        return (count == 1) ? singular : plural;
      } else {
        return value.constructor === Array ? value[django.pluralidx(count)] : value;
      }
    };

    /* add to global namespace */
    globals.pluralidx = django.pluralidx;
    globals.gettext = django.gettext;
    globals.ngettext = django.ngettext;

    django.jsi18n_initialized = true;
  }
};


                  }
                };
                AsnXBlocksI18n_asn_digital_service.init();
                global.AsnXBlocksI18n_asn_digital_service = AsnXBlocksI18n_asn_digital_service;
            }(this));
        