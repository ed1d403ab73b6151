
            (function(global){
                var AsnXBlocksI18n_asn_case_study = {
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
    "({points} point)": [
      "({points} poin)"
    ],
    "A new attempt has started.": "Percobaan baru telah dimulai.",
    "All stages submitted.": "Semua tahap telah dikirim.",
    "Answer {n}": "Jawaban {n}",
    "Answers shared by other learners": "Jawaban yang dibagikan peserta lain",
    "Attempts used: {used} of {limit}": "Percobaan yang digunakan: {used} dari {limit}",
    "Awaiting grading by the course team.": "Menunggu penilaian dari tim pengajar.",
    "Best answer": "Jawaban terbaik",
    "Case finished. Your debrief and result are shown.": "Studi kasus selesai. Pembahasan dan hasil Anda ditampilkan.",
    "Check at least one option.": "Centang paling sedikit satu opsi.",
    "Choose a category for each statement.": "Pilih kategori untuk setiap pernyataan.",
    "Choose a category for every statement.": "Pilih kategori untuk setiap pernyataan.",
    "Choose all that apply.": "Pilih semua yang sesuai.",
    "Choose an option.": "Pilih satu opsi.",
    "Choose one.": "Pilih satu.",
    "Comment from the course team": "Komentar dari tim pengajar",
    "Competency": "Kompetensi",
    "Complete: full points for meeting the word count.": "Lengkap: poin penuh karena memenuhi jumlah kata.",
    "Correct": "Benar",
    "Criterion": "Kriteria",
    "Debrief": "Pembahasan",
    "Draft saved": "Draf tersimpan",
    "Expected answer: {answer}": "Jawaban yang diharapkan: {answer}",
    "Expected answer: {answer} (\u00b1 {tolerance})": "Jawaban yang diharapkan: {answer} (\u00b1 {tolerance})",
    "Featured by the course team": "Dipilih sebagai contoh oleh tim pengajar",
    "Graded by the course team.": "Telah dinilai oleh tim pengajar.",
    "Incorrect": "Salah",
    "Levels": "Tingkat",
    "Mark as helpful": "Tandai sebagai bermanfaat",
    "Marked as helpful": "Ditandai sebagai bermanfaat",
    "Model answer": "Contoh jawaban",
    "No other learner has shared an answer yet.": "Belum ada peserta lain yang membagikan jawaban.",
    "Not enough words for full points.": "Jumlah kata belum cukup untuk poin penuh.",
    "Not graded: this reflection is for your own learning.": "Tidak dinilai: refleksi ini untuk pembelajaran Anda sendiri.",
    "Not saved \u2014 ": "Tidak tersimpan \u2014 ",
    "Not saved \u2014 the connection failed. Check your connection and retry.": "Tidak tersimpan \u2014 koneksi gagal. Periksa koneksi Anda lalu ulangi.",
    "Not saved \u2014 the server could not process the request. Please retry.": "Tidak tersimpan \u2014 server tidak dapat memproses permintaan. Silakan ulangi.",
    "Not saved: {reason}": "Tidak tersimpan: {reason}",
    "Not submitted: {n} answer needs attention.": [
      "Belum terkirim: {n} jawaban perlu diperbaiki."
    ],
    "Partly correct": "Sebagian benar",
    "Points": "Poin",
    "Points: {points}": "Poin: {points}",
    "References": "Rujukan",
    "Result": "Hasil",
    "Retry": "Ulangi",
    "Right category: {category}": "Kategori yang benar: {category}",
    "Rubric": "Rubrik",
    "Saving\u2026": "Menyimpan\u2026",
    "Share my answer anonymously with other learners": "Bagikan jawaban saya secara anonim kepada peserta lain",
    "Some reflections are awaiting grading; your score will be updated when the course team grades them.": "Beberapa refleksi masih menunggu penilaian; nilai Anda akan diperbarui setelah tim pengajar menilainya.",
    "Stage submitted. Feedback is shown under your answers; the next stage has opened.": "Tahap telah dikirim. Umpan balik ditampilkan di bawah jawaban Anda; tahap berikutnya telah dibuka.",
    "Stage {n} of {count}": "Tahap {n} dari {count}",
    "Start again": "Mulai lagi",
    "Stop sharing my answer": "Berhenti membagikan jawaban saya",
    "Submit": "Kirim",
    "Submitted \u2014 answers can no longer be changed.": "Telah dikirim \u2014 jawaban tidak dapat diubah lagi.",
    "The due date has passed: this exercise is closed.": "Batas waktu sudah lewat: latihan ini ditutup.",
    "This attempt: {earned} of {possible} points": "Percobaan ini: {earned} dari {possible} poin",
    "Try again": "Coba lagi",
    "Type a number.": "Ketik angka.",
    "Unit: {unit}.": "Satuan: {unit}.",
    "Write at least {min} words (you wrote {count}).": "Tulis paling sedikit {min} kata (Anda menulis {count}).",
    "Write at most {max} words (you wrote {count}).": "Tulis paling banyak {max} kata (Anda menulis {count}).",
    "Write the number as in {decimal} or {thousands}.": "Tulis angka seperti {decimal} atau {thousands}.",
    "You have used all your attempts.": "Anda telah menggunakan semua kesempatan percobaan.",
    "You marked this answer as helpful.": "Anda telah menandai jawaban ini sebagai bermanfaat.",
    "Your answer": "Jawaban Anda",
    "Your answer is no longer shared.": "Jawaban Anda tidak lagi dibagikan.",
    "Your answer is shared anonymously.": "Jawaban Anda dibagikan secara anonim.",
    "Your answer: {answer}": "Jawaban Anda: {answer}",
    "Your choice: {category}": "Pilihan Anda: {category}",
    "Your name is never shown. You can stop sharing until your answer is graded.": "Nama Anda tidak pernah ditampilkan. Anda dapat berhenti membagikan jawaban sampai jawaban Anda dinilai.",
    "Your points": "Poin Anda",
    "Your result per competency": "Hasil Anda per kompetensi",
    "Your work was not saved. Check your connection and retry.": "Pekerjaan Anda tidak tersimpan. Periksa koneksi Anda lalu ulangi.",
    "at least {n} words": "paling sedikit {n} kata",
    "at most {n} words": "paling banyak {n} kata",
    "retry": "ulangi",
    "too long": "terlalu panjang",
    "{n} word": [
      "{n} kata"
    ],
    "{points} pt: {description}": "{points} poin: {description}"
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
                AsnXBlocksI18n_asn_case_study.init();
                global.AsnXBlocksI18n_asn_case_study = AsnXBlocksI18n_asn_case_study;
            }(this));
        