
            (function(global){
                var AsnXBlocksI18n_staff = {
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
    "(empty)": "(kosong)",
    "(not every criterion is chosen yet)": "(belum semua kriteria dipilih)",
    "(override)": "(nilai pengganti)",
    "(reflections awaiting grading)": "(refleksi menunggu penilaian)",
    "(up to {points} points)": "(maksimal {points} poin)",
    "A new attempt has started.": "Percobaan baru telah dimulai.",
    "Actions": "Tindakan",
    "All": "Semua",
    "All cohorts": "Semua kohort",
    "All reflections": "Semua refleksi",
    "All statuses": "Semua status",
    "An override replaces the learner's score in the gradebook until it is cleared.": "Nilai pengganti menggantikan nilai peserta di buku nilai sampai nilai pengganti itu dihapus.",
    "Analytics": "Analitik",
    "Analytics filter": "Filter analitik",
    "Analytics shown for {scope}.": "Analitik ditampilkan untuk {scope}.",
    "Anonymised ids instead of names": "ID anonim sebagai pengganti nama",
    "Answer": "Jawaban",
    "Answers learners chose to share with their peers, without their names. Hide an answer that should not be shown; feature a good one so learners see it first.": "Jawaban yang dipilih peserta untuk dibagikan kepada rekan-rekannya, tanpa nama. Sembunyikan jawaban yang tidak layak ditampilkan; unggulkan jawaban yang baik agar peserta melihatnya paling awal.",
    "Apply filters": "Terapkan filter",
    "Attempt {number}": "Percobaan {number}",
    "Attempts": "Percobaan",
    "Attempts used: {used} of {limit}": "Percobaan yang digunakan: {used} dari {limit}",
    "Back to learners": "Kembali ke daftar peserta",
    "Back to the queue": "Kembali ke antrean",
    "Best": "Terbaik",
    "Best attempt": "Percobaan terbaik",
    "Change override": "Ubah nilai pengganti",
    "Choose a level for \"{criterion}\".": "Pilih tingkat untuk \"{criterion}\".",
    "Clear override": "Hapus nilai pengganti",
    "Cohort": "Kohort",
    "Column separator": "Pemisah kolom",
    "Comma (,)": "Koma (,)",
    "Comment for the learner": "Komentar untuk peserta",
    "Competencies averaging below {threshold}, weakest first, with the exercises and items that pull them down most.": "Kompetensi dengan rata-rata di bawah {threshold}, dimulai dari yang terlemah, beserta latihan dan butir yang paling menurunkannya.",
    "Competencies averaging below {threshold}, weakest first, with the items that pull them down most.": "Kompetensi dengan rata-rata di bawah {threshold}, dimulai dari yang terlemah, beserta item yang paling menurunkan nilainya.",
    "Competencies in attempt {number}": "Kompetensi pada percobaan {number}",
    "Competency": "Kompetensi",
    "Competency results over every case study, simulation and service desk of this course, the weakest first, with the exercises and items behind them.": "Hasil kompetensi dari setiap studi kasus, simulasi, dan loket layanan dalam kursus ini, dimulai dari yang terlemah, beserta latihan dan butir yang mendasarinya.",
    "Correct": "Benar",
    "Course training needs": "Kebutuhan pelatihan kursus",
    "Course training needs filter": "Filter kebutuhan pelatihan kursus",
    "Course training needs shown for {scope}.": "Kebutuhan pelatihan kursus ditampilkan untuk {scope}.",
    "Current score: {score}. Status: {status}.": "Nilai saat ini: {score}. Status: {status}.",
    "Download analytics (CSV)": "Unduh analitik (CSV)",
    "Download course training needs (CSV)": "Unduh kebutuhan pelatihan kursus (CSV)",
    "Download every learner's results": "Unduh hasil semua peserta",
    "Download results (CSV)": "Unduh hasil (CSV)",
    "Download these numbers": "Unduh angka-angka ini",
    "Draft saved": "Draf tersimpan",
    "Enter a number of points from 0 to {max}, with at most two decimals.": "Masukkan angka poin dari 0 sampai {max}, dengan paling banyak dua desimal.",
    "Enter points from 0 to {max}.": "Masukkan poin dari 0 sampai {max}.",
    "Evidence for {competency}": "Bukti untuk {competency}",
    "Feature": "Unggulkan",
    "Featured": "Diunggulkan",
    "Feedback shown to the learner:": "Umpan balik yang ditampilkan kepada peserta:",
    "Filter learners": "Saring peserta",
    "Filter shared answers": "Filter jawaban yang dibagikan",
    "Find a learner by name": "Cari peserta berdasarkan nama",
    "Finished attempts": "Percobaan yang selesai",
    "Finished {when}": "Selesai {when}",
    "Give a reason for the override.": "Berikan alasan penggantian nilai.",
    "Grade this learner's reflections": "Beri nilai refleksi peserta ini",
    "Grade {name}": "Beri nilai {name}",
    "Graded": "Sudah dinilai",
    "Graded by {name} on {when}: {points}.": "Dinilai oleh {name} pada {when}: {points}.",
    "Grading queue": "Antrean penilaian",
    "Grading queue ({count})": "Antrean penilaian ({count})",
    "Grading {name}, attempt {number}": "Menilai {name}, percobaan {number}",
    "Hidden": "Disembunyikan",
    "Hidden from learners": "Disembunyikan dari peserta",
    "Hide": "Sembunyikan",
    "In this exercise: {total} shared, {hidden} hidden, {featured} featured.": "Dalam latihan ini: {total} dibagikan, {hidden} disembunyikan, {featured} diunggulkan.",
    "Incorrect": "Salah",
    "Last": "Terakhir",
    "Last activity": "Aktivitas terakhir",
    "Last attempt": "Percobaan terakhir",
    "Learner": "Peserta",
    "Learner pages": "Halaman daftar peserta",
    "Learner: {name}": "Peserta: {name}",
    "Learners": "Peserta",
    "Learners, sorted by {column}": "Peserta, diurutkan berdasarkan {column}",
    "Marked helpful": "Ditandai bermanfaat",
    "Next learner waiting": "Peserta berikutnya yang menunggu",
    "Next page": "Halaman berikutnya",
    "No cohort": "Tanpa kohort",
    "No finished attempt yet. Answers are shown here once an attempt is finished.": "Belum ada percobaan yang selesai. Jawaban akan ditampilkan di sini setelah sebuah percobaan selesai.",
    "No learners match these filters.": "Tidak ada peserta yang sesuai dengan filter ini.",
    "No more reflections are waiting for grading.": "Tidak ada lagi refleksi yang menunggu penilaian.",
    "No shared answer matches these filters.": "Tidak ada jawaban yang dibagikan yang sesuai dengan filter ini.",
    "Not saved \u2014 ": "Tidak tersimpan \u2014 ",
    "Not saved \u2014 the connection failed. Check your connection and retry.": "Tidak tersimpan \u2014 koneksi gagal. Periksa koneksi Anda lalu ulangi.",
    "Not saved \u2014 the server could not process the request. Please retry.": "Tidak tersimpan \u2014 server tidak dapat memproses permintaan. Silakan ulangi.",
    "Not saved: {reason}": "Tidak tersimpan: {reason}",
    "Numbers: {title}": "Angka: {title}",
    "Only course staff see this part. Learners see the exercise above.": "Bagian ini hanya terlihat oleh tim pengajar. Peserta melihat latihan di atas.",
    "Overridden to {points} points by {name} on {when}. Reason: {reason}": "Nilai diganti menjadi {points} poin oleh {name} pada {when}. Alasan: {reason}",
    "Page {page} of {pages}": "Halaman {page} dari {pages}",
    "Partly correct": "Sebagian benar",
    "Points": "Poin",
    "Points (0 to {max})": "Poin (0 sampai {max})",
    "Points {points}": "Poin {points}",
    "Previous page": "Halaman sebelumnya",
    "Queue pages": "Halaman antrean",
    "Raw score {raw} ({percent})": "Nilai mentah {raw} ({percent})",
    "Reached": "Tercapai",
    "Reason (required; staff only)": "Alasan (wajib; hanya untuk pengajar)",
    "Reflection": "Refleksi",
    "Reflection {n}": "Refleksi {n}",
    "Reflections of each learner's latest finished attempt, graded on the rubric. The learner sees your points and comment.": "Refleksi dari percobaan selesai yang terakhir setiap peserta, dinilai berdasarkan rubrik. Peserta dapat melihat poin dan komentar Anda.",
    "Reflections to grade": "Refleksi yang perlu dinilai",
    "Result": "Hasil",
    "Result per competency (the attempt that counts)": "Hasil per kompetensi (percobaan yang dihitung)",
    "Retry": "Ulangi",
    "Review or regrade reflections": "Tinjau atau nilai ulang refleksi",
    "Review {name}": "Tinjau {name}",
    "Save grade": "Simpan nilai",
    "Save new grade": "Simpan nilai baru",
    "Saving\u2026": "Menyimpan\u2026",
    "Score": "Nilai",
    "Score in the gradebook": "Nilai di buku nilai",
    "Score override": "Nilai pengganti",
    "Semicolon (;) for spreadsheets in Indonesian": "Titik koma (;) untuk lembar kerja berbahasa Indonesia",
    "Set override": "Tetapkan nilai pengganti",
    "Shared answer pages": "Halaman jawaban yang dibagikan",
    "Shared answers": "Jawaban yang dibagikan",
    "Shared answers, featured first, then the most helpful": "Jawaban yang dibagikan, yang diunggulkan terlebih dahulu, kemudian yang paling bermanfaat",
    "Show": "Tampilkan",
    "Show again": "Tampilkan kembali",
    "Show analytics": "Tampilkan analitik",
    "Show training needs": "Tampilkan kebutuhan pelatihan",
    "Showing {first}\u2013{last} of {total} learner.": [
      "Menampilkan {first}\u2013{last} dari {total} peserta."
    ],
    "Showing: {scope}.": "Menampilkan: {scope}.",
    "Shown and hidden": "Ditampilkan dan disembunyikan",
    "Shown to learners": "Ditampilkan kepada peserta",
    "Staff tools": "Perangkat pengajar",
    "Start again": "Mulai lagi",
    "State": "Status",
    "Status": "Status",
    "Stop featuring": "Hentikan pengunggulan",
    "The due date has passed: this exercise is closed.": "Batas waktu sudah lewat: latihan ini ditutup.",
    "The file follows the cohort shown above.": "Berkas mengikuti kohort yang ditampilkan di atas.",
    "The learner sees this comment with the rubric points.": "Peserta melihat komentar ini bersama poin rubrik.",
    "The learner's answer:": "Jawaban peserta:",
    "This attempt has no reflections graded by staff.": "Percobaan ini tidak memiliki refleksi yang dinilai oleh pengajar.",
    "This reflection was removed from the exercise; it cannot be graded.": "Refleksi ini telah dihapus dari latihan; refleksi ini tidak dapat dinilai.",
    "To grade": "Perlu dinilai",
    "Total: {points} of {max} points": "Total: {points} dari {max} poin",
    "Training needs": "Kebutuhan pelatihan",
    "Try again": "Coba lagi",
    "Up to 1000 characters.": "Paling banyak 1000 karakter.",
    "Visibility": "Visibilitas",
    "Waiting for grading": "Menunggu penilaian",
    "Weakest competencies in the course": "Kompetensi terlemah dalam kursus",
    "What learners did in this exercise, as charts with the same numbers in tables, and the competencies to plan the next training around.": "Apa yang dilakukan peserta dalam latihan ini, dalam bentuk grafik beserta angka yang sama dalam tabel, serta kompetensi yang menjadi acuan perencanaan pelatihan berikutnya.",
    "You have used all your attempts.": "Anda telah menggunakan semua kesempatan percobaan.",
    "Your comment, not saved:": "Komentar Anda, belum disimpan:",
    "Your result per competency": "Hasil Anda per kompetensi",
    "Your work was not saved. Check your connection and retry.": "Pekerjaan Anda tidak tersimpan. Periksa koneksi Anda lalu ulangi.",
    "counts for the grade": "dihitung untuk nilai",
    "finished {when}": "selesai {when}",
    "graded": "sudah dinilai",
    "reflections awaiting grading": "refleksi menunggu penilaian",
    "retry": "ulangi",
    "{count} learner has reflections waiting for grading.": [
      "{count} peserta memiliki refleksi yang menunggu penilaian."
    ],
    "{count} learner in this list.": [
      "{count} peserta dalam daftar ini."
    ],
    "{count} older attempts are not shown.": "{count} percobaan yang lebih lama tidak ditampilkan.",
    "{count} reflection to grade": [
      "{count} refleksi perlu dinilai"
    ],
    "{criterion} (up to {max} points)": "{criterion} (maksimal {max} poin)",
    "{points} point": [
      "{points} poin"
    ],
    "{status} ({count})": "{status} ({count})",
    "{total} shared answer matches these filters.": [
      "{total} jawaban yang dibagikan sesuai dengan filter ini."
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
                AsnXBlocksI18n_staff.init();
                global.AsnXBlocksI18n_staff = AsnXBlocksI18n_staff;
            }(this));
        