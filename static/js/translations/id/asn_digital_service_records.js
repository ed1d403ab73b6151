
            (function(global){
                var AsnXBlocksI18n_asn_digital_service_records = {
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
    "A code without its own row follows its parent code (the part before the last dot).": "Kode tanpa baris sendiri mengikuti kode induknya (bagian sebelum titik terakhir).",
    "A new attempt has started.": "Percobaan baru telah dimulai.",
    "Access classification": "Klasifikasi keamanan dan akses",
    "Active (years)": "Aktif (tahun)",
    "Active retention (years)": "Retensi aktif (tahun)",
    "Applicant": "Pemohon",
    "Applicant's note": "Catatan pemohon",
    "Attached documents ({n})": "Dokumen terlampir ({n})",
    "Attempts used: {used} of {limit}": "Percobaan yang digunakan: {used} dari {limit}",
    "Back to the queue": "Kembali ke antrean",
    "Choose a code": "Pilih kode",
    "Choose a unit": "Pilih unit kerja",
    "Classification code": "Kode klasifikasi",
    "Code": "Kode",
    "Competency": "Kompetensi",
    "Complete the form before submitting. Still missing: {parts}.": "Lengkapi formulir sebelum mengirim. Yang masih kurang: {parts}.",
    "Correct": "Benar",
    "Dated": "Tanggal",
    "Dated: {date}": "Tanggal: {date}",
    "Decision": "Keputusan",
    "Decision and routing": "Keputusan dan penerusan",
    "Document type: {type}": "Jenis dokumen: {type}",
    "Documents of the record ({n})": "Dokumen arsip ({n})",
    "Draft saved": "Draf tersimpan",
    "Due date": "Batas waktu",
    "Every request in the queue has been submitted.": "Semua permohonan dalam antrean telah dikirim.",
    "Every request is submitted. Your results are shown.": "Semua permohonan telah dikirim. Hasil Anda ditampilkan.",
    "Every task in the queue has been submitted.": "Semua tugas dalam antrean telah dikirim.",
    "Every task is submitted. Your results are shown.": "Semua tugas telah dikirim. Hasil Anda ditampilkan.",
    "Expected: {answer}": "Seharusnya: {answer}",
    "Fee": "Biaya",
    "File the record": "Berkaskan arsip",
    "Final disposition": "Keterangan akhir",
    "Format: {format} (for example {example})": "Format: {format} (misalnya {example})",
    "Holidays: {dates}.": "Hari libur: {dates}.",
    "In progress": "Sedang dikerjakan",
    "Inactive (years)": "Inaktif (tahun)",
    "Inactive retention (years)": "Retensi inaktif (tahun)",
    "Kind": "Jenis",
    "Met": "Terpenuhi",
    "New": "Baru",
    "Next record: {title}": "Arsip berikutnya: {title}",
    "Next request: {applicant}": "Permohonan berikutnya: {applicant}",
    "No documents are attached.": "Tidak ada dokumen yang dilampirkan.",
    "No holidays fall in this period.": "Tidak ada hari libur dalam periode ini.",
    "Not correct": "Tidak benar",
    "Not met": "Tidak terpenuhi",
    "Not saved \u2014 ": "Tidak tersimpan \u2014 ",
    "Not saved \u2014 the connection failed. Check your connection and retry.": "Tidak tersimpan \u2014 koneksi gagal. Periksa koneksi Anda lalu ulangi.",
    "Not saved \u2014 the server could not process the request. Please retry.": "Tidak tersimpan \u2014 server tidak dapat memproses permintaan. Silakan ulangi.",
    "Not saved: {reason}": "Tidak tersimpan: {reason}",
    "Note": "Catatan",
    "Note for the file (optional)": "Catatan untuk berkas (opsional)",
    "Note on the record": "Catatan pada arsip",
    "Open a request below to read the explanation of each part.": "Buka salah satu permohonan di bawah untuk membaca penjelasan setiap bagian.",
    "Open a task below to read the explanation of each part.": "Buka salah satu tugas di bawah untuk membaca penjelasan setiap bagian.",
    "Ordered by date received, urgent requests first within a day.": "Diurutkan menurut tanggal diterima; pada hari yang sama, yang mendesak lebih dulu.",
    "Ordered by date received, urgent tasks first within a day.": "Diurutkan menurut tanggal diterima; pada hari yang sama, tugas yang mendesak lebih dulu.",
    "Points": "Poin",
    "Points so far: {points}.": "Poin sejauh ini: {points}.",
    "Priority: {priority}": "Prioritas: {priority}",
    "Process the request": "Proses permohonan",
    "Queue": "Antrean",
    "Reason (optional)": "Alasan (opsional)",
    "Received on {date}; time limit: {limit}.": "Diterima pada {date}; jangka waktu penyelesaian: {limit}.",
    "Received: {date}": "Diterima: {date}",
    "Recipient": "Penerima",
    "Record submitted.": "Arsip telah dikirim.",
    "Record submitted: {points}. The explanation is shown.": "Arsip telah dikirim: {points}. Penjelasan ditampilkan.",
    "Request submitted.": "Permohonan telah dikirim.",
    "Request submitted: {points}. The explanation is shown.": "Permohonan telah dikirim: {points}. Penjelasan ditampilkan.",
    "Requirements": "Persyaratan",
    "Responsible unit": "Unit kerja penanggung jawab",
    "Result": "Hasil",
    "Results": "Hasil",
    "Retention (active / inactive years)": "Retensi (tahun aktif / inaktif)",
    "Retention from the JRA": "Retensi menurut JRA",
    "Retention schedule (JRA)": "Jadwal Retensi Arsip (JRA)",
    "Retry": "Ulangi",
    "Route to": "Teruskan ke",
    "Saving\u2026": "Menyimpan\u2026",
    "Score per request": "Nilai per permohonan",
    "Score per task": "Nilai per tugas",
    "Search the classification scheme": "Cari dalam pola klasifikasi arsip",
    "Sender": "Pengirim",
    "Service": "Layanan",
    "Service or record": "Layanan atau arsip",
    "Service standard": "Standar pelayanan",
    "Show the schedule ({n} row)": [
      "Tampilkan JRA ({n} baris)"
    ],
    "Start again": "Mulai lagi",
    "Status: {status}": "Status: {status}",
    "Subject": "Jenis arsip",
    "Submit": "Kirim",
    "Submitted": "Telah dikirim",
    "Submitted.": "Telah dikirim.",
    "Submitted. The explanation is shown when every request in the queue is submitted.": "Telah dikirim. Penjelasan ditampilkan setelah semua permohonan dalam antrean dikirim.",
    "Submitted. The explanation is shown when every task in the queue is submitted.": "Telah dikirim. Penjelasan ditampilkan setelah semua tugas dalam antrean dikirim.",
    "Task": "Tugas",
    "The agency's retention schedule (JRA)": "Jadwal Retensi Arsip (JRA) instansi",
    "The day of receipt, Saturdays, Sundays and holidays are not counted.": "Hari penerimaan, Sabtu, Minggu, dan hari libur tidak dihitung.",
    "The due date has passed: this exercise is closed.": "Batas waktu sudah lewat: latihan ini ditutup.",
    "The due date \u201c{value}\u201d cannot be read: write it as {format}, for example {example}.": "Batas waktu \u201c{value}\u201d tidak dapat dibaca: tuliskan sebagai {format}, misalnya {example}.",
    "The note must be at most {limit} characters.": "Catatan paling banyak {limit} karakter.",
    "The record": "Arsip",
    "This attempt is finished.": "Percobaan ini sudah selesai.",
    "This record: {points}.": "Arsip ini: {points}.",
    "This request: {points}.": "Permohonan ini: {points}.",
    "Time limit": "Jangka waktu penyelesaian",
    "Total: {points}": "Total: {points}",
    "Try again": "Coba lagi",
    "Why": "Alasan",
    "You have used all your attempts.": "Anda telah menggunakan semua kesempatan percobaan.",
    "Your answer: {answer}": "Jawaban Anda: {answer}",
    "Your note": "Catatan Anda",
    "Your result per competency": "Hasil Anda per kompetensi",
    "Your work is saved as a draft; submit when the form is complete.": "Pekerjaan Anda disimpan sebagai draf; kirim setelah formulir lengkap.",
    "Your work was not saved. Check your connection and retry.": "Pekerjaan Anda tidak tersimpan. Periksa koneksi Anda lalu ulangi.",
    "retry": "ulangi",
    "{active} / {inactive} (years)": "{active} / {inactive} (tahun)",
    "{date} ({name})": "{date} ({name})",
    "{earned} of {possible} point": [
      "{earned} dari {possible} poin"
    ],
    "{field}: give a whole number of years from 0 to {max}.": "{field}: isikan bilangan bulat tahun dari 0 sampai {max}.",
    "{n} code in the scheme.": [
      "{n} kode dalam pola klasifikasi arsip."
    ],
    "{n} code matches \u201c{query}\u201d.": [
      "{n} kode cocok dengan \u201c{query}\u201d."
    ],
    "{n} of {total} requests submitted.": "{n} dari {total} permohonan telah dikirim.",
    "{n} of {total} tasks submitted.": "{n} dari {total} tugas telah dikirim.",
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
                AsnXBlocksI18n_asn_digital_service_records.init();
                global.AsnXBlocksI18n_asn_digital_service_records = AsnXBlocksI18n_asn_digital_service_records;
            }(this));
        