
            (function(global){
                var AsnXBlocksI18n_asn_change_simulation = {
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
    "A best path": "Salah satu jalur terbaik",
    "A new attempt has started.": "Percobaan baru telah dimulai.",
    "Arrows show the change caused by your last decision.": "Tanda panah menunjukkan perubahan akibat keputusan terakhir Anda.",
    "At decision {n}, most learners in this course went on to \u00ab{choice}\u00bb at \u00ab{node}\u00bb.": "Pada keputusan {n}, sebagian besar peserta kursus ini melanjutkan dengan \u00ab{choice}\u00bb pada \u00ab{node}\u00bb.",
    "At decision {n}, most of your cohort went on to \u00ab{choice}\u00bb at \u00ab{node}\u00bb.": "Pada keputusan {n}, sebagian besar kohort Anda melanjutkan dengan \u00ab{choice}\u00bb pada \u00ab{node}\u00bb.",
    "Attempts used: {used} of {limit}": "Percobaan yang digunakan: {used} dari {limit}",
    "Best choice:": "Pilihan terbaik:",
    "Competency": "Kompetensi",
    "Decision {n}": "Keputusan {n}",
    "Decision {n}: {title}": "Keputusan {n}: {title}",
    "Draft saved": "Draf tersimpan",
    "Each decision with its effect on the metrics, grouped by step.": "Setiap keputusan beserta efeknya pada metrik, dikelompokkan per langkah.",
    "How the metrics changed": "Perubahan metrik",
    "Introduction": "Pendahuluan",
    "Metrics": "Metrik",
    "Next situation: {title}": "Situasi berikutnya: {title}",
    "No choice is available here. Please tell the course team.": "Tidak ada pilihan yang tersedia di sini. Silakan beri tahu tim pengajar.",
    "No visible change in the metrics.": "Tidak ada perubahan yang terlihat pada metrik.",
    "Not saved \u2014 ": "Tidak tersimpan \u2014 ",
    "Not saved \u2014 the connection failed. Check your connection and retry.": "Tidak tersimpan \u2014 koneksi gagal. Periksa koneksi Anda lalu ulangi.",
    "Not saved \u2014 the server could not process the request. Please retry.": "Tidak tersimpan \u2014 server tidak dapat memproses permintaan. Silakan ulangi.",
    "Not saved: {reason}": "Tidak tersimpan: {reason}",
    "Other decisions": "Keputusan lainnya",
    "Outcome: not successful": "Hasil: tidak berhasil",
    "Outcome: partial success": "Hasil: berhasil sebagian",
    "Outcome: success": "Hasil: berhasil",
    "Points": "Poin",
    "Result": "Hasil",
    "Result of this attempt: {percent}": "Hasil percobaan ini: {percent}",
    "Retry": "Ulangi",
    "Saving\u2026": "Menyimpan\u2026",
    "Start": "Mulai",
    "Start again": "Mulai lagi",
    "Step: {step}": "Langkah: {step}",
    "The decisions that earn the most in this scenario:": "Keputusan yang menghasilkan poin tertinggi dalam skenario ini:",
    "The due date has passed: this exercise is closed.": "Batas waktu sudah lewat: latihan ini ditutup.",
    "The end": "Akhir skenario",
    "The end: {title}": "Akhir skenario: {title}",
    "The simulation has ended: {title}.": "Simulasi telah berakhir: {title}.",
    "The table is wider than the screen: scroll it sideways to see every column.": "Tabel lebih lebar daripada layar: geser ke samping untuk melihat semua kolom.",
    "This simulation cannot continue": "Simulasi ini tidak dapat dilanjutkan",
    "Try again": "Coba lagi",
    "What do you do?": "Apa yang Anda lakukan?",
    "You chose this too.": "Anda juga memilih ini.",
    "You chose:": "Pilihan Anda:",
    "You followed the cohort's most common path.": "Anda menempuh jalur yang paling banyak ditempuh kohort Anda.",
    "You followed the most common path of learners in this course.": "Anda menempuh jalur yang paling banyak ditempuh peserta kursus ini.",
    "You have used all your attempts.": "Anda telah menggunakan semua kesempatan percobaan.",
    "Your choice here:": "Pilihan Anda di sini:",
    "Your debrief is shown.": "Pembahasan Anda ditampilkan.",
    "Your last decision": "Keputusan terakhir Anda",
    "Your path": "Jalur Anda",
    "Your path did not reach this decision.": "Jalur Anda tidak sampai ke keputusan ini.",
    "Your path differs from it at {n} decision.": [
      "Jalur Anda berbeda darinya pada {n} keputusan."
    ],
    "Your path is a best path.": "Jalur Anda termasuk jalur terbaik.",
    "Your result per competency": "Hasil Anda per kompetensi",
    "Your work was not saved. Check your connection and retry.": "Pekerjaan Anda tidak tersimpan. Periksa koneksi Anda lalu ulangi.",
    "down by {amount}": "turun {amount}",
    "range {min} to {max}": "rentang {min} sampai {max}",
    "retry": "ulangi",
    "up by {amount}": "naik {amount}",
    "{label} {before} \u2192 {after} ({delta})": "{label} {before} \u2192 {after} ({delta})",
    "{label}: {before} \u2192 {after}": "{label}: {before} \u2192 {after}",
    "{percent} of learners in this course chose this": "{percent} peserta kursus ini memilih jawaban ini",
    "{percent} of your cohort chose this": "{percent} peserta dalam kohort Anda memilih jawaban ini"
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
                AsnXBlocksI18n_asn_change_simulation.init();
                global.AsnXBlocksI18n_asn_change_simulation = AsnXBlocksI18n_asn_change_simulation;
            }(this));
        