
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
    "{label}: {before} \u2192 {after}": "{label}: {before} \u2192 {after}"
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

    django.gettext_noop = function(msgid) { return msgid; };

    django.pgettext = function(context, msgid) {
      let value = django.gettext(context + '\x04' + msgid);
      if (value.includes('\x04')) {
        value = msgid;
      }
      return value;
    };

    django.npgettext = function(context, singular, plural, count) {
      let value = django.ngettext(context + '\x04' + singular, context + '\x04' + plural, count);
      if (value.includes('\x04')) {
        value = django.ngettext(singular, plural, count);
      }
      return value;
    };

    django.interpolate = function(fmt, obj, named) {
      if (named) {
        return fmt.replace(/%\(\w+\)s/g, function(match){return String(obj[match.slice(2,-2)])});
      } else {
        return fmt.replace(/%s/g, function(match){return String(obj.shift())});
      }
    };


    /* formatting library */

    django.formats = {
    "DATETIME_FORMAT": "j N Y, G.i",
    "DATETIME_INPUT_FORMATS": [
      "%d-%m-%Y %H.%M.%S",
      "%d-%m-%Y %H.%M.%S.%f",
      "%d-%m-%Y %H.%M",
      "%d-%m-%y %H.%M.%S",
      "%d-%m-%y %H.%M.%S.%f",
      "%d-%m-%y %H.%M",
      "%m/%d/%y %H.%M.%S",
      "%m/%d/%y %H.%M.%S.%f",
      "%m/%d/%y %H.%M",
      "%m/%d/%Y %H.%M.%S",
      "%m/%d/%Y %H.%M.%S.%f",
      "%m/%d/%Y %H.%M",
      "%Y-%m-%d %H:%M:%S",
      "%Y-%m-%d %H:%M:%S.%f",
      "%Y-%m-%d %H:%M",
      "%Y-%m-%d"
    ],
    "DATE_FORMAT": "j N Y",
    "DATE_INPUT_FORMATS": [
      "%d-%m-%Y",
      "%d/%m/%Y",
      "%d-%m-%y",
      "%d/%m/%y",
      "%d %b %Y",
      "%d %B %Y",
      "%m/%d/%y",
      "%m/%d/%Y",
      "%Y-%m-%d"
    ],
    "DECIMAL_SEPARATOR": ",",
    "FIRST_DAY_OF_WEEK": 1,
    "MONTH_DAY_FORMAT": "j F",
    "NUMBER_GROUPING": 3,
    "SHORT_DATETIME_FORMAT": "d-m-Y G.i",
    "SHORT_DATE_FORMAT": "d-m-Y",
    "THOUSAND_SEPARATOR": ".",
    "TIME_FORMAT": "G.i",
    "TIME_INPUT_FORMATS": [
      "%H.%M.%S",
      "%H.%M",
      "%H:%M:%S",
      "%H:%M:%S.%f",
      "%H:%M"
    ],
    "YEAR_MONTH_FORMAT": "F Y"
  };

    django.get_format = function(format_type) {
      const value = django.formats[format_type];
      if (typeof value === 'undefined') {
        return format_type;
      } else {
        return value;
      }
    };

    /* add to global namespace */
    globals.pluralidx = django.pluralidx;
    globals.gettext = django.gettext;
    globals.ngettext = django.ngettext;
    globals.gettext_noop = django.gettext_noop;
    globals.pgettext = django.pgettext;
    globals.npgettext = django.npgettext;
    globals.interpolate = django.interpolate;
    globals.get_format = django.get_format;

    django.jsi18n_initialized = true;
  }
};


                  }
                };
                AsnXBlocksI18n_asn_change_simulation.init();
                global.AsnXBlocksI18n_asn_change_simulation = AsnXBlocksI18n_asn_change_simulation;
            }(this));
        