
            (function(global){
                var AsnXBlocksI18n_studio = {
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
    "(HTML source)": "(sumber HTML)",
    "(reflections awaiting grading)": "(refleksi menunggu penilaian)",
    "A new attempt has started.": "Percobaan baru telah dimulai.",
    "Add": "Tambah",
    "Add {item}": "Tambah {item}",
    "Added: {item}.": "Ditambahkan: {item}.",
    "An id is required.": "ID wajib diisi.",
    "As a list": "Dalam bentuk daftar",
    "Attempts used: {used} of {limit}": "Percobaan yang digunakan: {used} dari {limit}",
    "Bold": "Tebal",
    "Bulleted list": "Daftar berpoin",
    "Cancel": "Batal",
    "Check": "Periksa",
    "Checking\u2026": "Memeriksa\u2026",
    "Checks": "Pemeriksaan",
    "Competencies: {list}": "Kompetensi: {list}",
    "Competency": "Kompetensi",
    "Content": "Konten",
    "Delete": "Hapus",
    "Delete {item}": "Hapus {item}",
    "Delete: {item}": "Hapus: {item}",
    "Deleted: {item}.": "Dihapus: {item}.",
    "Draft saved": "Draf tersimpan",
    "Edit HTML": "Sunting HTML",
    "Editing mode": "Mode penyuntingan",
    "Error": "Kesalahan",
    "Form": "Formulir",
    "Go to": "Buka",
    "Go to line {n} of the OLX source": "Ke baris {n} sumber OLX",
    "Go to {item}": "Buka {item}",
    "Italic": "Miring",
    "Link": "Tautan",
    "Link address (https://\u2026)": "Alamat tautan (https://\u2026)",
    "Loading\u2026": "Memuat\u2026",
    "Maximum attempts: {n}": "Jumlah percobaan maksimum: {n}",
    "Move down": "Pindahkan ke bawah",
    "Move down: {item}": "Pindahkan ke bawah: {item}",
    "Move up": "Pindahkan ke atas",
    "Move up: {item}": "Pindahkan ke atas: {item}",
    "Moved: {item}, now {n} of {count}.": "Dipindahkan: {item}, sekarang {n} dari {count}.",
    "No problems found.": "Tidak ditemukan masalah.",
    "None": "Tidak ada",
    "None yet.": "Belum ada.",
    "None.": "Tidak ada.",
    "Not saved": "Tidak tersimpan",
    "Not saved \u2014 ": "Tidak tersimpan \u2014 ",
    "Not saved \u2014 the connection failed. Check your connection and retry.": "Tidak tersimpan \u2014 koneksi gagal. Periksa koneksi Anda lalu ulangi.",
    "Not saved \u2014 the server could not process the request. Please retry.": "Tidak tersimpan \u2014 server tidak dapat memproses permintaan. Silakan ulangi.",
    "Not saved: {reason}": "Tidak tersimpan: {reason}",
    "Numbered list": "Daftar bernomor",
    "OLX source": "Sumber OLX",
    "Play the content as it is now in the editor, as a learner would: choices, feedback and the score come from the server. Nothing here is saved.": "Mainkan konten seperti yang ada di editor sekarang, sebagaimana peserta memainkannya: pilihan, umpan balik, dan skor berasal dari server. Tidak ada yang disimpan di sini.",
    "Points": "Poin",
    "Points in the gradebook: {points}": "Poin di buku nilai: {points}",
    "Preview": "Pratinjau",
    "Preview from here": "Pratinjau dari sini",
    "Preview of the learner view (not saved)": "Pratinjau tampilan peserta (tidak disimpan)",
    "Preview updated.": "Pratinjau diperbarui.",
    "Preview \u2014 nothing is saved": "Pratinjau \u2014 tidak ada yang disimpan",
    "Problems": "Masalah",
    "Remove link": "Hapus tautan",
    "Restart preview": "Mulai ulang pratinjau",
    "Restored: {item}.": "Dipulihkan: {item}.",
    "Result": "Hasil",
    "Retry": "Ulangi",
    "Save": "Simpan",
    "Saved, with {counts}.": "Tersimpan, dengan {counts}.",
    "Saved.": "Tersimpan.",
    "Saving": "Menyimpan",
    "Saving\u2026": "Menyimpan\u2026",
    "Settings": "Pengaturan",
    "Show preview": "Tampilkan pratinjau",
    "Showing the OLX source.": "Menampilkan sumber OLX.",
    "Start again": "Mulai lagi",
    "Start the preview at": "Mulai pratinjau dari",
    "The beginning": "Awal",
    "The check is finished.": "Pemeriksaan selesai.",
    "The due date has passed: this exercise is closed.": "Batas waktu sudah lewat: latihan ini ditutup.",
    "The learner view cannot be shown here.": "Tampilan peserta tidak dapat ditampilkan di sini.",
    "The preview started again.": "Pratinjau dimulai lagi.",
    "The same content as the form. Changes here are read back into the form when you switch to it.": "Konten yang sama dengan formulir. Perubahan di sini dimuat kembali ke formulir saat Anda beralih ke sana.",
    "This id is already used by another item.": "ID ini sudah digunakan oleh item lain.",
    "This is not available in the preview.": "Ini tidak tersedia dalam pratinjau.",
    "Try again": "Coba lagi",
    "Undo delete": "Batalkan penghapusan",
    "Unknown item": "Item tidak dikenal",
    "Unlink": "Hapus tautan",
    "Validation: {errors} errors, {warnings} warnings": "Validasi: {errors} kesalahan, {warnings} peringatan",
    "Warning": "Peringatan",
    "Working\u2026": "Memproses\u2026",
    "You have used all your attempts.": "Anda telah menggunakan semua kesempatan percobaan.",
    "Your result per competency": "Hasil Anda per kompetensi",
    "Your work was not saved. Check your connection and retry.": "Pekerjaan Anda tidak tersimpan. Periksa koneksi Anda lalu ulangi.",
    "line {n}": "baris {n}",
    "retry": "ulangi",
    "unlimited": "tanpa batas",
    "{label} {n}": "{label} {n}",
    "{n} error": [
      "{n} kesalahan"
    ],
    "{n} reference to \"{old}\" now points to \"{new}\".": [
      "{n} rujukan ke \"{old}\" kini mengarah ke \"{new}\"."
    ],
    "{n} warning": [
      "{n} peringatan"
    ],
    "{value} (unknown)": "{value} (tidak dikenal)",
    "\u2014 choose \u2014": "\u2014 pilih \u2014"
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
                AsnXBlocksI18n_studio.init();
                global.AsnXBlocksI18n_studio = AsnXBlocksI18n_studio;
            }(this));
        