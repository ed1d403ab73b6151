"""The outline of the sample course "Modernisasi Kerja ASN": sections, units, intros, policies.

One outline serves both archives (Bahasa Indonesia and English). Each section names, per
language, the demo scenario files its units hold — by explicit file name, so that the course
and the demo share one source of content and a file that does not exist fails the build
(``scripts/sample_course.py``) instead of silently shrinking the course. A section that a
language does not have is named in ``skipped`` with the reason, never left out silently.

Every unit is a short HTML introduction written for the course (a course team edits it in
Studio) followed by the block. A scenario whose ``lang`` differs from the course's language
is allowed only where the unit says why (``other_language``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES = ("id", "en")
CASE, SIMULATION, DESK = "asn_case_study", "asn_change_simulation", "asn_digital_service"

# Every block of the course counts this many points in its subsection, so each exercise
# weighs the same there whatever its raw maximum (a case study's points, a desk's points,
# the simulation's 100).
BLOCK_WEIGHT = 10

# One assignment type per block kind, in percent of the final grade. Case studies carry the
# most: integrity and, with the SKP cases, result-oriented performance are case studies.
ASSIGNMENT_TYPES: dict[str, dict] = {
    CASE: {"percent": 40, "id": ("Studi Kasus", "SK"), "en": ("Case Study", "CS")},
    SIMULATION: {"percent": 30, "id": ("Simulasi", "SIM"), "en": ("Simulation", "SIM")},
    DESK: {"percent": 30, "id": ("Latihan Layanan", "LYN"), "en": ("Service Desk", "SD")},
}
PASS_CUTOFF = 0.6

COURSE = {
    "id": {
        "display_name": "Modernisasi Kerja ASN",
        "org": "ASN", "number": "MKA101", "run": "2027",
        "archive": "sample-course.tar.gz",
    },
    "en": {
        "display_name": "Modernising the Work of Indonesian Civil Servants (ASN)",
        "org": "ASN", "number": "MKA101-EN", "run": "2027",
        "archive": "sample-course-en.tar.gz",
    },
}
# Shared by both runs; a course team sets its own cohort's dates in Studio.
START = "2027-01-04T00:00:00Z"
END = "2027-12-17T00:00:00Z"
ADVANCED_MODULES = [CASE, SIMULATION, DESK]
COURSE_IMAGE = "course_image.png"


@dataclass(frozen=True)
class Unit:
    """One block (a demo scenario file) and the introduction shown above it."""
    tag: str
    file: str
    intro: str
    other_language: str = ""  # why a scenario in another language is used here


@dataclass(frozen=True)
class Section:
    slug: str
    titles: dict[str, str]
    units: dict[str, tuple[Unit, ...]]
    skipped: dict[str, str] = field(default_factory=dict)  # language → why it has no units


PENTAHELIX_ID = (
    "<p>Program publik jarang berhasil bila dikerjakan satu instansi saja. Kerangka "
    "<em>pentahelix</em> menghimpun lima unsur: pemerintah, akademisi, dunia usaha, "
    "masyarakat, dan media. Kolaborasi berarti membagi peran dan sumber daya untuk tujuan "
    "bersama, bukan sekadar mengundang pihak lain ke rapat.</p>")
PENTAHELIX_EN = (
    "<p>Public programmes rarely succeed when one agency works alone. The <em>pentahelix</em> "
    "frame brings five parties together: government, academia, business, the community and "
    "the media. Collaboration means sharing roles and resources towards a common goal, not "
    "merely inviting others to a meeting.</p>")

OUTLINE: tuple[Section, ...] = (
    Section(
        "integritas",
        {"id": "Integritas", "en": "Integrity"},
        {
            "id": (
                Unit(CASE, "01_parsel_lebaran.xml",
                     "<p>Menjelang hari raya, pemberian dari rekanan sering dianggap wajar. Anda "
                     "memutuskan, tahap demi tahap, apa yang dilakukan pejabat yang menerima "
                     "parsel dari pihak yang berurusan dengan unitnya, dengan acuan Pasal 12B dan "
                     "12C UU 31/1999 jo. UU 20/2001 tentang gratifikasi dan pelaporannya kepada "
                     "KPK.</p><p>Refleksi pada tahap terakhir dinilai oleh pengajar dengan "
                     "rubrik.</p>"),
                Unit(CASE, "02_konflik_kepentingan.xml",
                     "<p>Konflik kepentingan jarang datang dengan label. Anda duduk sebagai "
                     "anggota panitia seleksi jabatan dan mendapati kerabat sendiri di antara "
                     "pelamar: kapan harus mengungkapkan, kapan mundur, dan bagaimana panitia "
                     "melindungi seleksi berikutnya.</p><p>Refleksi dinilai tuntas bila memenuhi "
                     "jumlah kata minimum.</p>"),
                Unit(CASE, "03_whistleblowing.xml",
                     "<p>Anda menemukan kuitansi hotel yang janggal dalam laporan perjalanan dinas "
                     "rekan satu tim. Studi kasus ini melatih keberanian dan ketepatan melapor: "
                     "memeriksa fakta, memilih saluran yang tepat (WBS instansi atau KPK; "
                     "LAPOR!/SP4N untuk pengaduan pelayanan publik), dan menjaga profesionalitas "
                     "sesudahnya.</p><p>Refleksi pada tahap terakhir dinilai oleh pengajar dengan "
                     "rubrik.</p>"),
            ),
            "en": (
                Unit(CASE, "04_vendor_trip_en.xml",
                     "<p>A software vendor offers to pay for a study trip abroad. Decide, stage "
                     "by stage, what an official should do with such an invitation under the "
                     "gratification rules (Articles 12B and 12C of Law 31/1999 as amended by Law "
                     "20/2001) and their duty to report to the KPK.</p><p>Reflections count once "
                     "they reach the minimum number of words.</p>"),
            ),
        },
    ),
    Section(
        "manajemen_perubahan",
        {"id": "Manajemen Perubahan", "en": "Change Management"},
        {
            "id": (
                Unit(SIMULATION, "01_oss_perizinan.xml",
                     "<p>Sebagai peserta Pelatihan Kepemimpinan Administrator, Anda memimpin "
                     "proyek perubahan di DPMPTSP: memindahkan layanan loket perizinan berusaha ke "
                     "layanan daring yang terintegrasi dengan OSS. Keputusan Anda menggeser moral "
                     "pegawai, dukungan pimpinan dan pemangku kepentingan, anggaran, dan kepuasan "
                     "masyarakat; delapan langkah Kotter menjadi kerangka pembahasan di akhir.</p>"
                     "<p>Nilai Anda adalah nilai akhir cerita yang Anda capai.</p>"),
                Unit(SIMULATION, "02_srikandi_arsip.xml",
                     "<p>Sebagai peserta Pelatihan Kepemimpinan Administrator, Anda memimpin "
                     "proyek perubahan: beralih dari surat-menyurat dan arsip kertas ke tata "
                     "naskah dinas dan kearsipan elektronik dengan aplikasi umum SRIKANDI. Setiap "
                     "keputusan menggeser metrik unit Anda; delapan langkah Kotter menjadi "
                     "kerangka pembahasan di akhir.</p><p>Nilai dihitung dari poin keputusan Anda "
                     "dibandingkan dengan jalur terbaik yang dapat dicapai.</p>"),
            ),
            "en": (
                Unit(SIMULATION, "03_e_performance_en.xml",
                     "<p>As your change project in leadership training, you move a district "
                     "agency's civil servants from paper performance targets to SKP managed "
                     "electronically in e-Kinerja. The ADKAR model (Awareness, Desire, "
                     "Knowledge, Ability, Reinforcement) frames the debrief.</p><p>Your score is "
                     "the score of the ending you reach.</p>"),
            ),
        },
    ),
    Section(
        "layanan_publik_digital",
        {"id": "Layanan Publik Digital", "en": "Digital Public Service"},
        {
            "id": (
                Unit(DESK, "01_izin_usaha_mikro.xml",
                     "<p>Anda bertugas di meja layanan DPMPTSP. Untuk setiap berkas permohonan "
                     "izin usaha mikro, periksa persyaratan terhadap standar pelayanan (UU No. 25 "
                     "Tahun 2009 tentang Pelayanan Publik), tetapkan keputusan — setujui, "
                     "kembalikan untuk dilengkapi, atau tolak — teruskan ke unit yang menangani, "
                     "dan tetapkan batas waktu menurut hari kerja.</p><p>Umpan balik muncul "
                     "setiap kali sebuah berkas dikirim.</p>"),
            ),
            "en": (
                Unit(DESK, "03_business_permit_en.xml",
                     "<p>You staff the front desk of a one-stop licensing office. For each "
                     "micro-business permit application, check the requirements against the "
                     "service standard (Law 25/2009 on Public Services), decide — approve, return "
                     "to be completed, or reject — route the file to the unit that handles it, and "
                     "set the due date in working days.</p><p>Feedback appears each time you "
                     "submit a file.</p>"),
            ),
        },
    ),
    Section(
        "kearsipan_digital",
        {"id": "Kearsipan Digital", "en": "Digital Archiving"},
        {
            "id": (
                Unit(DESK, "11_arsip_surat_masuk.xml",
                     "<p>Setiap naskah yang masuk ke Sekretariat Daerah harus diberkaskan di "
                     "SRIKANDI sebelum diteruskan. Untuk setiap surat, pilih kode klasifikasi dari "
                     "pola klasifikasi arsip, tetapkan klasifikasi keamanan dan akses, lalu baca "
                     "Jadwal Retensi Arsip (JRA) untuk masa simpan aktif, masa simpan inaktif, dan "
                     "keterangan akhirnya (UU No. 43 Tahun 2009 tentang Kearsipan).</p><p>Umpan "
                     "balik muncul setiap kali sebuah naskah dikirim.</p>"),
                Unit(DESK, "12_arsip_kepegawaian.xml",
                     "<p>Naskah kepegawaian — keputusan pengangkatan, usul kenaikan pangkat, cuti, "
                     "pemeriksaan disiplin, pensiun — berbeda masa simpan dan tingkat aksesnya. "
                     "Berkaskan setiap naskah di BKPSDM dengan kode klasifikasi, klasifikasi "
                     "keamanan dan akses, serta retensi dan keterangan akhir menurut JRA.</p>"
                     "<p>Umpan balik diberikan di akhir antrean, setelah semua naskah dikirim.</p>"),
            ),
            "en": (
                Unit(DESK, "13_records_desk_en.xml",
                     "<p>At a one-stop services office one queue holds permit applications and "
                     "letters to file. Process each application against the service standard, and "
                     "file each letter in SRIKANDI with its classification code, its access class "
                     "and the retention that the agency's retention schedule (JRA) gives its code "
                     "(Law 43/2009 on Archives).</p><p>Feedback appears each time you submit an "
                     "item.</p>"),
            ),
        },
    ),
    Section(
        "kinerja_berorientasi_hasil",
        {"id": "Kinerja Berorientasi Hasil", "en": "Result-Oriented Performance"},
        {
            "id": (
                Unit(CASE, "11_skp_rhk.xml",
                     "<p>SKP dimulai dari ekspektasi atasan. Anda memilah hasil kerja dari "
                     "kegiatan, menentukan RHK atasan yang diintervensi, memilih rumusan RHK dan "
                     "indikator yang terukur, lalu menulis RHK untuk jabatan Anda sendiri "
                     "(Peraturan Menteri PANRB Nomor 6 Tahun 2022 tentang Pengelolaan Kinerja "
                     "Pegawai ASN).</p><p>Tulisan Anda pada tahap terakhir dinilai oleh pengajar "
                     "dengan rubrik.</p>"),
                Unit(CASE, "12_skp_evaluasi.xml",
                     "<p>Penilaian kinerja yang objektif dimulai dari bukti. Anda menghitung "
                     "capaian dari realisasi dan target, memilah bukti yang layak, menetapkan "
                     "rating hasil kerja dan predikat kinerja menurut matriks dalam Peraturan "
                     "Menteri PANRB Nomor 6 Tahun 2022, lalu menyiapkan dialog kinerja dengan "
                     "staf.</p><p>Refleksi dinilai tuntas bila memenuhi jumlah kata minimum.</p>"),
                Unit(CASE, "13_skp_ekinerja.xml",
                     "<p>Aplikasi e-Kinerja hanya sebaik isinya. Anda mengikuti satu instansi yang "
                     "memindahkan SKP pegawainya ke e-Kinerja: memilah isian hasil kerja dan "
                     "perilaku kerja, membaca angka adopsi, menghitung biaya, dan memutuskan "
                     "tindakan ketika penerapannya disalahgunakan.</p><p>Urutan pilihan jawaban "
                     "diacak untuk setiap peserta. Tulisan Anda pada tahap terakhir dinilai oleh "
                     "pengajar dengan rubrik.</p>"),
            ),
            "en": (
                Unit(CASE, "14_skp_results_en.xml",
                     "<p>Follow one employee from planning results to the year-end rating under "
                     "the SKP rules (PermenPANRB No. 6 of 2022): tell results from activities, work "
                     "out his achievement from realisation and target, make an indicator "
                     "measurable, and settle the performance predicate.</p><p>Reflections count "
                     "once they reach the minimum number of words.</p>"),
            ),
        },
    ),
    Section(
        "kolaborasi",
        {"id": "Kolaborasi", "en": "Collaboration"},
        {
            "id": (
                Unit(SIMULATION, "11_pentahelix_stunting.xml",
                     PENTAHELIX_ID
                     + "<p>Dalam simulasi ini Anda memimpin proyek perubahan di Bappeda: "
                     "menggerakkan perangkat daerah, perguruan tinggi, dunia usaha, kader "
                     "posyandu dan karang taruna, serta media lokal dalam gerakan bersama "
                     "mencegah stunting. Setiap keputusan menggeser dukungan kelima unsur "
                     "pentahelix dan menentukan akhir cerita.</p><p>Setelah selesai, Anda dapat "
                     "melihat bagaimana peserta lain di angkatan Anda memilih pada setiap "
                     "keputusan.</p>"),
            ),
            "en": (
                Unit(SIMULATION, "11_pentahelix_stunting.xml",
                     PENTAHELIX_EN
                     + "<p>In this simulation you lead a change project at a district planning "
                     "agency (Bappeda): bringing government offices, a university, local "
                     "businesses, health-post volunteers and youth groups, and the local media "
                     "into a joint movement against childhood stunting. Each decision moves the "
                     "support of the five pentahelix parties and decides the ending.</p><p>Once "
                     "you finish, you can see how the other learners of your cohort chose at "
                     "each decision. The scenario is written in Bahasa Indonesia; the exercise's "
                     "buttons and messages follow your language setting.</p>",
                     other_language="The package has no English scenario on multi-party "
                                    "collaboration; this Indonesian simulation is the one built "
                                    "on the pentahelix (government, academia, business, "
                                    "community, media), and ASN learners read Indonesian."),
            ),
        },
    ),
)

# The course's about pages (Studio: Settings → Schedule & Details) and its first, ungraded
# section. ``{grading}``, ``{sections}`` and ``{topics}`` are filled in from the policy and the
# outline, so that they stay true when sections are added.
ABOUT = {
    "id": {
        "short_description": "Latihan praktik bagi ASN tentang {topics}: studi kasus bertahap, "
                             "simulasi proyek perubahan, dan latihan meja layanan.",
        "effort": "08:00",
        "overview": (
            "<section class=\"about\"><h2>Tentang kursus</h2><p>Kursus ini melatih cara kerja "
            "ASN yang modern melalui latihan yang dinilai: Anda mengambil keputusan dalam studi "
            "kasus integritas dan kinerja, memimpin proyek perubahan dalam simulasi, serta "
            "memproses berkas layanan dan memberkaskan arsip di meja layanan digital. Setiap "
            "latihan memberi umpan balik dan hasil per kompetensi.</p></section>"
            "<section class=\"outline\"><h2>Bagian</h2><ul>"
            "{sections}</ul></section><section class=\"grading\"><h2>Penilaian</h2><p>"
            "{grading}</p><p>Semua nama orang, instansi dan angka dalam latihan adalah contoh "
            "fiktif.</p></section>"),
        "welcome_title": "Memulai",
        "welcome_unit": "Cara belajar di kursus ini",
        "welcome": (
            "<p>Selamat datang di <strong>Modernisasi Kerja ASN</strong>. Setiap bagian berisi "
            "unit latihan: bacalah pengantarnya, lalu kerjakan latihannya sampai selesai. "
            "Jawaban Anda disimpan di server; Anda dapat berhenti dan melanjutkan kapan saja.</p>"
            "<ul><li><strong>Studi kasus</strong>: tahap demi tahap; setiap tahap dikunci "
            "setelah dikirim, lalu umpan balik muncul.</li><li><strong>Simulasi</strong>: "
            "keputusan Anda menggeser metrik unit dan menentukan akhir cerita.</li>"
            "<li><strong>Latihan layanan</strong>: periksa berkas terhadap standar pelayanan, "
            "putuskan, teruskan, dan tetapkan batas waktu; berkaskan naskah dengan kode "
            "klasifikasi, klasifikasi keamanan dan akses, serta retensinya.</li></ul>"
            "<p>{grading}</p>"),
        "grading": "Nilai akhir terdiri atas {parts}. Batas lulus {cutoff}.",
        "attempts": "Kesempatan mengerjakan: {n}.",
        "unlimited": "Kesempatan mengerjakan: tidak terbatas.",
        "intro": "Pengantar",
    },
    "en": {
        "short_description": "Practice for Indonesian civil servants in {topics}: staged case "
                             "studies, change-project simulations and service-desk exercises.",
        "effort": "08:00",
        "overview": (
            "<section class=\"about\"><h2>About this course</h2><p>This course trains the "
            "modern way of working of Indonesian civil servants (ASN) through graded "
            "exercises: you decide in integrity case studies, lead a change project in "
            "simulations, and process applications and file records at a digital service desk. "
            "Every exercise gives feedback and a result per competency.</p></section><section class=\"outline\"><h2>"
            "Sections</h2><ul>{sections}</ul></section><section class=\"grading\"><h2>"
            "Grading</h2><p>{grading}</p><p>All names of people, agencies and figures in the "
            "exercises are fictitious examples.</p></section>"),
        "welcome_title": "Getting Started",
        "welcome_unit": "How this course works",
        "welcome": (
            "<p>Welcome to <strong>Modernising the Work of Indonesian Civil Servants</strong>. "
            "Each section holds exercise units: read the introduction, then work through the "
            "exercise to its end. Your answers are kept on the server; you can stop and come "
            "back at any time.</p><ul><li><strong>Case studies</strong>: stage by stage; each "
            "stage locks once submitted and its feedback appears.</li><li><strong>Simulations"
            "</strong>: your decisions move the unit's metrics and decide the ending.</li><li>"
            "<strong>Service-desk exercises</strong>: check each application against the service "
            "standard, decide, route it and set its due date; file each record with its "
            "classification code, access class and retention.</li></ul><p>{grading}</p>"),
        "grading": "The final grade is made of {parts}. The pass mark is {cutoff}.",
        "attempts": "Attempts: {n}.",
        "unlimited": "Attempts: unlimited.",
        "intro": "Introduction",
    },
}
