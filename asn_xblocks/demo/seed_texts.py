"""What the demo's seeded learners are called and what they write: names, reflection
sentences, staff comments, and the answers some of them share with their cohort.

Data only, kept apart from the seeding command (``management/commands/asn_seed_demo.py``)
and its cohort part (``seed_cohort.py``) so that those read as code. Every person, agency
and incident here is a fictitious example.
"""
from __future__ import annotations

NAMES = [
    "andi_pratama", "siti_rahmawati", "budi_santoso", "dewi_lestari", "agus_setiawan",
    "rina_kartika", "yusuf_hidayat", "nur_aini", "fajar_nugroho", "maria_simanjuntak",
    "i_made_wirawan", "ni_luh_ayu", "hendra_gunawan", "fitri_handayani", "rudi_hartono",
    "wulan_sari", "arif_rahman", "intan_permata", "bayu_saputra", "lestari_wijaya",
    "dedi_kurniawan", "ratna_dewi", "eko_prasetyo", "sri_mulyani", "joko_susilo",
    "ayu_puspita", "rizky_ramadhan", "putri_maharani", "teguh_wibowo", "yuliana_tobing",
    "samuel_manuputty", "anisa_fitriani", "gede_suarta", "kartini_siregar", "hasan_basri",
    "melati_anggraini", "taufik_hidayat", "novi_yanti", "markus_wenda", "zahra_amalia",
]

SENTENCES = {
    "id": [
        "Saya akan menolak pemberian tersebut dengan sopan dan menjelaskan aturan yang berlaku.",
        "Pemberian yang berhubungan dengan jabatan wajib dilaporkan kepada UPG atau KPK paling "
        "lambat tiga puluh hari kerja.",
        "Sebagai ASN saya harus menjaga kepercayaan masyarakat dan menghindari konflik "
        "kepentingan.",
        "Saya akan berkonsultasi dengan atasan dan unit pengendalian gratifikasi sebelum mengambil "
        "langkah berikutnya.",
        "Nilai BerAKHLAK, khususnya akuntabel, menuntut saya mencatat dan melaporkan kejadian ini "
        "secara terbuka.",
        "Jika nilainya di bawah Rp500.000 pun, pemberian dari rekanan yang sedang diperiksa tetap "
        "tidak pantas diterima.",
        "Saya akan menyampaikan kepada rekanan bahwa kerja sama dinilai dari kinerja, bukan dari "
        "bingkisan.",
        "Langkah pencegahan berikutnya adalah menyosialisasikan aturan ini kepada rekan satu tim.",
        "Saya menyadari tekanan budaya sungkan sering membuat pegawai ragu menolak, tetapi aturan "
        "harus ditegakkan.",
        "Dokumentasi yang rapi akan melindungi saya dan instansi bila kelak ada pemeriksaan.",
        "Kepentingan pribadi dan keluarga tidak boleh memengaruhi keputusan yang saya ambil dalam "
        "jabatan.",
        "Saya akan mengusulkan agar pakta integritas dibacakan kembali pada rapat koordinasi "
        "berikutnya.",
    ],
    "en": [
        "I would politely decline the offer and explain the rules that apply to public servants.",
        "Any gift connected to my position has to be reported to the gratification control unit "
        "within thirty working days.",
        "As a civil servant I must protect public trust and avoid any conflict of interest.",
        "I would discuss the situation with my supervisor and document the decision in writing.",
        "Accountability means the whole process should be transparent and easy to audit later.",
        "Even a small gift, worth less than Rp500,000, from a vendor under review is not "
        "appropriate.",
        "I would tell the vendor that the partnership is judged on performance, not on "
        "hospitality.",
        "The next step is to remind the team about the code of conduct at our weekly meeting.",
        "Refusing can feel awkward in our culture, but the rule protects everyone involved.",
        "Keeping a clear record protects both me and the office if questions come up later.",
        "Personal or family interests must never shape a decision I take in my official role.",
        "I would suggest that the integrity pact is discussed again at the next coordination "
        "meeting.",
    ],
}

COMMENTS = {
    "id": [
        "Analisis Anda runtut dan menyebut aturan dengan tepat. Pertahankan.",
        "Sudah baik; tambahkan langkah konkret pelaporan dan batas waktunya.",
        "Refleksi masih umum. Sebutkan dasar aturannya dan apa yang akan Anda lakukan besok.",
    ],
    "en": [
        "Clear reasoning and the right rule. Well done.",
        "Good; add the concrete reporting step and its deadline.",
        "Still general. Name the rule and what you would actually do next.",
    ],
}


# Answers seeded learners share, with their consent, on a reflection marked
# ``share="optional"``: keyed by the block's display name and the reflection's id. Written
# as learners from different agencies of one training cohort would (a Bappeda planner, a
# university lecturer on a joint programme, staff of a BUMD water utility, a health office,
# a civil-service agency, a sub-district, a communications office). ``featured`` is the one
# staff pin as an example; ``hidden`` the one staff hide (it names and accuses a colleague,
# which belongs in the agency's whistleblowing channel, not in a class forum).
SHARED_ANSWERS: dict[str, dict[str, list[dict[str, object]]]] = {
    "Studi Kasus: Keponakan dalam Seleksi Jabatan": {
        "r1": [
            {"featured": True, "text": (
                "Di Bappeda saya ikut menilai usulan kegiatan dari desa dalam musrenbang "
                "kecamatan. Salah satu usulan datang dari desa tempat orang tua saya tinggal, dan "
                "kepala desanya masih kerabat kami. Kepentingan pribadi saya adalah hubungan "
                "keluarga, sedangkan tugas saya menilai usulan secara objektif berdasarkan data. "
                "Saya menyampaikan hubungan itu secara tertulis kepada kepala bidang sebelum "
                "penilaian dimulai. Usulan desa tersebut kemudian dinilai oleh rekan lain, dan "
                "pengalihan penilai dicatat dalam berita acara.")},
            {"text": (
                "Saya dosen yang menjadi tim ahli kajian untuk pemerintah kabupaten dalam program "
                "kerja sama dengan kampus. Konflik kepentingan muncul ketika lembaga konsultan "
                "milik rekan satu jurusan ikut dalam pengadaan kajian lanjutan yang kerangka "
                "acuannya saya susun. Saya mengungkapkan hubungan itu kepada pejabat pembuat "
                "komitmen dan pimpinan fakultas, lalu meminta agar evaluasi penawaran dilakukan "
                "tanpa melibatkan saya.")},
            {"text": (
                "Di PDAM saya memverifikasi permohonan sambungan baru. Tetangga dan teman sering "
                "meminta didahulukan, padahal tugas saya melayani sesuai urutan dan persyaratan. "
                "Sekarang semua permohonan masuk melalui aplikasi dengan nomor antrean. Bila "
                "pemohonnya keluarga saya sendiri, verifikasinya saya serahkan kepada rekan dan "
                "saya beri tahu atasan secara tertulis, supaya tidak ada kesan diistimewakan.")},
            {"text": (
                "Sebagai pejabat pengadaan di Dinas Kesehatan, saya mengetahui bahwa salah satu "
                "calon penyedia alat kesehatan dimiliki suami sepupu saya. Saya mengisi "
                "pernyataan konflik kepentingan, menyerahkannya kepada PPK sebelum evaluasi, dan "
                "tidak ikut menilai penawaran perusahaan itu. Menurut saya, mundur saja tidak "
                "cukup: harus ada catatan tertulis agar keputusan tim dapat dipertanggungjawabkan "
                "bila kelak diperiksa.")},
            {"text": (
                "Di BKPSDM saya sering menjadi panitia seleksi. Konflik kepentingan dapat muncul "
                "bila pelamar adalah bawahan yang selama ini saya nilai kinerjanya. Kami "
                "mengusulkan agar setiap anggota panitia menandatangani pernyataan bebas konflik "
                "kepentingan setelah daftar pelamar keluar. Bila ada hubungan, anggota itu "
                "menyatakannya dalam rapat, ketua panitia menunjuk penilai pengganti, dan semuanya "
                "dicatat dalam berita acara.")},
            {"hidden": True, "text": (
                "Di kantor kami, Pak Sutrisno di bagian keuangan selalu meloloskan pencairan untuk "
                "CV milik adiknya, dan semua orang tahu tetapi diam saja. Menurut saya ini bukan "
                "lagi potensi, melainkan pelanggaran, dan beliau seharusnya diperiksa Inspektorat. "
                "Saya belum tahu harus melapor ke mana, jadi saya tulis di sini supaya teman-teman "
                "tahu kelakuannya.")},
            {"text": (
                "Saya bertugas di kantor kecamatan dan ikut mengevaluasi rancangan APBDes. Istri "
                "saya memiliki toko bangunan yang sering menjadi pemasok pembangunan desa di "
                "wilayah kami. Saya menyampaikan hal ini secara tertulis kepada camat, tidak "
                "merekomendasikan pemasok kepada desa mana pun, dan meminta agar belanja desa yang "
                "memakai toko tersebut dievaluasi oleh kepala seksi lain.")},
            {"text": (
                "Sebagai pengelola aplikasi di Diskominfo, saya diminta menilai tawaran aplikasi "
                "dari perusahaan tempat saya dulu bekerja, dan saya masih memegang sebagian kecil "
                "sahamnya. Keuntungan dari saham itu bertentangan dengan tugas memilih solusi "
                "terbaik bagi daerah. Saya melaporkan kepemilikan saham kepada atasan, mundur dari "
                "tim penilai tawaran itu, dan mengusulkan agar setiap anggota tim mengisi "
                "pernyataan kepemilikan usaha.")},
        ],
    },
}
