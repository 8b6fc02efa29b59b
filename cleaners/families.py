"""The shared chrome families of Indonesian news pages (corpus-format.md: what stays, what goes).

Each family is written for what the chrome looks like and where it sits, in the wordings these
publishers use across their pages; site profiles add their own wordings on top. Order matters:
the first family that matches a block names it.
"""

from __future__ import annotations

from cleaners.profile import Family
from cleaners.sites import NEWSROOMS

_MONTH = (
    r"(?:jan(?:uari|uary)?|feb(?:ruari|ruary)?|mar(?:et|ch)?|apr(?:il)?|mei|may|jun(?:i|e)?|"
    r"jul(?:i|y)?|agu(?:stus)?|ags|aug(?:ust)?|sep(?:tember)?|sept|okt(?:ober)?|oct(?:ober)?|"
    r"nov(?:ember)?|des(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)"
_DATE = rf"\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*\d{{2,4}}|\d{{1,2}}\s+{_MONTH}\.?\s+\d{{4}}"
_TIME = r"(?:pukul\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:wib|wita|wit|gmt[+\d]*)?"
# Agencies and newsrooms that sign photos; used for captions that end in a credit.
_PHOTO_SOURCES = (
    rf"(?:{NEWSROOMS})[\w.-]*|AFP|REUTERS|Reuters|AP|ANTARA|Antara|EPA|Xinhua|SHUTTERSTOCK|"
    r"Shutterstock|iStockphoto|Getty Images|Freepik|Unsplash|Pixabay|Dok\.?|Dokumentasi|"
    r"Istimewa|ISTIMEWA|Tangkap layar|Screenshot|Handout|Instagram|Twitter|Facebook|YouTube|"
    r"TikTok|Wikimedia|Wikipedia|Foto|Dok"
)

MEMBERSHIP = Family(
    "membership",
    (
        r"^(?:login|log in|masuk|daftar|sign in|sign up|register)\b.*\b(?:akun|pengalaman|"
        r"mengakses|membaca|berlangganan|member|premium|gratis)\b",
        r"^(?:ayo |yuk )?(?:berlangganan|langganan|subscribe)\b",
        # Reading without ads, the paid tier's promise ("Baca Berita Terbaru Tanpa Terganggu
        # Banyak Iklan").
        r"^(?:baca|nikmati)\b.{0,40}\btanpa (?:terganggu )?(?:banyak )?iklan\b",
    ),
    max_words=30,
)

ADVERTISEMENT = Family(
    "advertisement",
    (
        r"^(?:advertisement|advertisment|iklan|ads?|sponsored|sponsor|promoted|"
        r"konten (?:ber)?sponsor)$",
        r"^\[?\s*(?:close|tutup|hide|skip|lewati)\s*(?:ads?|iklan)\s*\]?$",
    ),
    max_words=10,
)

RELATED_LINK = Family(
    "related-link",
    (
        r"^(?:baca|lihat|simak|tonton|cek|klik) (?:juga|pula)\b",
        r"^(?:baca|lihat) (?:selengkapnya|selanjutnya|(?:artikel|berita) (?:terkait|lainnya|"
        r"selengkapnya))\b"
        r"(?=.*[:\w])",
        r"^(?:berita|artikel) terkait\s*:",
        # ... and the words the other way round, before the headline ("Selengkapnya baca : ...")
        r"^selengkapnya,? (?:baca|simak|lihat)\s*:",
        # "Baca: ...", "(Baca: ...)", "Simak: ...": the label alone before another headline.
        r"^\(?\s?(?:baca|lihat|simak|tonton)(?: juga| pula)?\s*:",
    ),
)

# "Selengkapnya baca di sini", "BACA SELENGKAPNYA >>>": a pointer, no headline after it.
MORE_LINK = Family(
    "related-link",
    (
        r"^selengkapnya,? (?:baca|klik|simak|lihat|cek|tonton)\b",
        # The link's words alone: "Baca selengkapnya", "Simak ulasan selengkapnya",
        # "Selengkapnya:" (misspelt too, "Selenngkapnya").
        r"^(?:(?:baca|lihat|klik|simak|cek) )?(?:(?:ulasan|berita|artikel|kabar|info) )?"
        r"(?:sel[ae]n+gkapnya|lengkapnya)\W*$",
        r"^(?:baca|lihat|klik|simak) (?:selengkapnya |lengkapnya )?(?:di|pada) "
        r"(?:sini|link|tautan)",
        # A section's index: "Lihat Megapolitan Selengkapnya".
        r"^(?:lihat|baca) [\w-]+ selengkapnya$",
    ),
    max_words=12,
    # ("... simak berita terpopuler hari ini di bawah ini.": the round-up's own lead-in to what
    # follows on the page, no link)
    unless=r"\b(?:di bawah ini|berikut ini)\W*$",
)

# A short line that points the reader elsewhere, however it is worded: it ends on "here" ("...
# selengkapnya bisa dibaca di sini.", "Baca di sini.", "[di sini]", "di tautan ini"), or on "the
# story below" after saying it is the full story ("Simak ... selengkapnya dalam berita berikut:").
POINTER = Family(
    "related-link",
    (
        r"^(?=.*\b(?:baca|dibaca|simak|disimak|klik|lihat|cek|selengkapnya|lengkapnya)\b).*"
        r"\b(?:di|ke|dalam|pada|melalui|lewat) \[?(?:sini|tautan(?: ini| berikut)?|link(?: ini| "
        r"berikut)?)\]?\W*$",
        r"\b(?:selengkapnya|lengkapnya|lengkap)\b.{0,60}\b(?:berita|artikel|tautan|link) "
        r"berikut\W*$",
        # ... or where it can be read ("... dapat disimak di berita berikut:").
        r"\b(?:dibaca|disimak|dilihat) (?:di|dalam|pada|melalui) (?:berita|artikel|tautan|link) "
        r"berikut\W*$",
    ),
    max_words=16,
)

SYNDICATION = Family(
    "syndication",
    (
        r"^(?:artikel|tulisan|berita) ini (?:juga |telah |sudah |pernah |sebelumnya )?"
        r"(?:tayang|terbit|"
        r"dimuat|ditayangkan|diterbitkan|dipublikasikan)\b",
        r"^(?:sebagian |sebelumnya )?artikel ini (?:telah )?(?:tayang|dimuat)",
    ),
    ends_body=True,
)

PROMOTION = Family(
    "promotion",
    (
        r"whatsapp channel",
        r"saluran whatsapp",
        # (asked politely too: "Silakan subscribe ...", "Jangan lupa follow ...")
        r"^(?:(?:silakan|silahkan|yuk|ayo|jangan lupa) )?"
        r"(?:simak|dapatkan|ikuti|follow|gabung|bergabung|join|subscribe)\b.{0,160}\b(?:whatsapp|"
        r"telegram|google news|instagram|tiktok|youtube|twitter|facebook|newsletter|notifikasi)\b",
        r"^(?:download|unduh|install|pasang|dapatkan) (?:aplikasi|app)",
        r"^ikuti (?:kami|kanal|akun|update)\b",
        r"pastikan (?:kamu|anda) sudah (?:install|menginstal|menginstall|memasang)",
        r"https?://(?:kmp\.im|bit\.ly|s\.id|t\.me|wa\.me)/",
        r"^(?:baca|buka|lanjut(?:kan)? (?:baca|membaca)) di (?:app|aplikasi)\b",
    ),
)

# Sign-up and contest boxes: a newsletter ("... di email kamu.", "Daftarkan email"), a contest
# for comments ("Tulis komentarmu dengan tagar ... menangkan ..."), completing an account
# ("Segera lengkapi data dirimu ...").
SIGN_UP = Family(
    "promotion",
    (
        r"^(?:daftar(?:kan)?|masukkan|isi|tulis)\b.{0,20}\b(?:e-?mail|surel)\W*$",
        r"\b(?:di|ke) (?:e-?mail|surel|inbox|kotak masuk) (?:kamu|anda)\W*$",
        r"^tulis komentar\w*\b.{0,80}\b(?:tagar|menangkan|hadiah|voucher)",
        r"\blengkapi (?:data diri|profil|akun)\w*\b",
        # ... or told by the terms that apply to it ("... di artikel ini! *S&K berlaku").
        r"\b(?:s ?& ?k|syarat (?:dan|&) ketentuan) berlaku\b",
        # A topic to follow ("Ikuti perkembangan berita ini dalam topik:").
        r"^ikuti perkembangan (?:berita|kabar|informasi)\b.{0,30}\btopik\b",
    ),
    max_words=30,
)

# Short calls to read or follow the site elsewhere, in any order of words ("Baca berita X.com
# lainnya di Google News", "X Hadir di WhatsApp Channel").
PLATFORM_PROMOTION = Family(
    "promotion",
    (
        r"^(?:baca|ikuti|simak|dapatkan|update|follow|kunjungi|gabung|bergabung|pantau|cek)\b"
        r".{0,100}(?:di|ke|lewat|via|melalui|dalam) (?:google news|play store|app store|whatsapp|"
        r"telegram|aplikasi|saluran|grup|channel)\b",
        r"^(?:download|unduh) (?:\S+ ){0,4}(?:aplikasi|app)\b",
    ),
    max_words=16,
)

SHARE_ICON = Family(
    "share-widget",
    # Icon names rendered as text: lowercase words joined by hyphens ("copy-link-circle",
    # "sosmed-whatsapp-white"), sometimes glued to the label that follows ("zoom-in-whitePerbesar").
    (r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?:[A-Z][a-z]+)?$",),
    max_words=1,
    ignore_case=False,
)

SHARE_WORDS = Family(
    "share-widget",
    (
        r"^(?:comments?|komentar|share|bagikan|suka|like|tweet|oke|ok|salin|salin (?:tautan|link)|"
        r"copy(?: link)?|tautan disalin|perbesar|zoom|kirim|simpan|laporkan|lapor|reaksi|"
        r"(?:tulis|lihat|tampilkan|beri|kirim) komentar|\d+ komentar|facebook|twitter|whatsapp|"
        r"telegram|line|linkedin|e-?mail|pinterest|print|cetak|follow|ikuti|clock|shares|"
        r"\+ ?share|google\+|digg|delicious|reddit|myspace|stumbleupon|tumblr|"
        r"text sizes?|ukuran (?:teks|huruf|font)|small|medium|large|larger|largest)\s*:?$",
        r"^(?:bagikan|share)(?: (?:artikel|berita|tulisan)(?: ini)?)?(?: (?:melalui|ke|via|lewat))?"
        r"\s*:?$",
    ),
    max_words=6,
)

PAGINATION = Family(
    "pagination",
    (
        r"^halaman\s*:?$",
        r"^halaman\s*:?\s*\d+(?:\s*(?:/|dari)\s*\d+)?$",
        r"^(?:halaman|page) (?:selanjutnya|berikutnya|sebelumnya)\b",
        r"^(?:selanjutnya|sebelumnya|berikutnya|next|prev|previous|«|»)$",
        r"^(?:tampilkan|lihat|baca) (?:semua|seluruh)(?: halaman| isi| artikel)?$",
        r"^(?:\d+\s+)+\d+(?:\s+(?:selanjutnya|next|»))?$",
    ),
    max_words=12,
    ends_body=True,
)

RELATED_LIST = Family(
    "related-list",
    # The headings of the lists that follow the article; the lists themselves are dropped with
    # them, because everything after such a heading is the after-body zone.
    (
        r"^(?:berita |artikel |video |topik |foto |konten )?(?:terkini|terbaru|terpopuler|populer|"
        r"terkait|lainnya|pilihan|rekomendasi|trending|unggulan|hangat|menarik|viral)(?: lainnya| "
        r"untuk (?:anda|kamu)| hari ini| editor| redaksi| minggu ini)?$",
        r"^(?:rekomendasi|pilihan|bacaan) (?:untuk|buat) (?:anda|kamu)$",
        r"^(?:baca|lihat|berita|artikel) (?:lainnya|selengkapnya|lain)$",
        r"^(?:tag|tags|topik|topic|kata kunci|label)\s*:?$",
        # ... or glued to the first tag ("Terkait#Nama Pejabat").
        r"^(?:tag|tags|topik|terkait)\s*#",
        r"^live (?:update|updates|report|blog|streaming)$",
        r"^jangan (?:lewatkan|sampai ketinggalan)$",
    ),
    max_words=6,
    ends_body=True,
)

COPYRIGHT = Family(
    "copyright",
    (
        r"^(?:©|\(c\)|copyright|hak cipta)",
        r"all rights? reserved\b",
        r"^(?:tentang kami|redaksi|pedoman media siber|kebijakan privasi|"
        r"syarat (?:dan|&) ketentuan|kontak(?: kami)?|karir|info iklan|disclaimer|privacy policy)$",
        # The © sign anywhere in a short line, also as mojibake (UTF-8 read as TIS-620 or Latin-1).
        "©",
        "ยฉ",
        r"pedoman media siber\b.*\b(?:redaksi|privasi|privacy|kontak|contact)\b",
        r"privacy policy\b.*\b(?:contact|kontak|terms|syarat)\b",
    ),
    max_words=25,
    ends_body=True,
)

# The comment section under an article: its rules and its buttons; readers' comments follow.
COMMENTS = Family(
    "comments",
    (
        r"^pembaca dapat (?:mengirim(?:kan)?|melaporkan|menanggapi|memberikan) komentar\b",
        r"^(?:tanggapi|laporkan|balas|sembunyikan) komentar$",
        r"^(?:ada )?\d+ komentar untuk (?:artikel|berita|tulisan) ini$",
    ),
    max_words=40,
    ends_body=True,
)

# Footer menus rendered with no space between their entries ("Tentang KamiPedoman Media Siber...").
GLUED_FOOTER = Family(
    "copyright",
    (r"^(?:Tentang Kami|About Us|Redaksi|Pedoman Media Siber)(?:[A-Z]|$)",),
    max_words=40,
    ignore_case=False,
    ends_body=True,
)

METADATA = Family(
    "metadata",
    (
        # Date lines, with or without a weekday, a time, a zone and the site name in front.
        rf"^(?:[a-z0-9.-]+\.(?:com|id)\s*[-–—|]\s*)?(?:{_WEEKDAY},?\s*)?(?:{_DATE})\s*,?\s*"
        rf"(?:{_TIME})?$",
        rf"^(?:tayang|diperbarui|diperbaharui|update|updated|dipublikasikan|diterbitkan|published|"
        rf"terbit|dibuat)\s*:?\s*(?:{_WEEKDAY},?\s*)?(?:{_DATE}).*$",
        # A date with its time after a name or a site ("Kompas.com, 14 Maret 2023, 09:15 WIB",
        # "kumparanNEWS 4 Oktober 2020 10:00 WIB"): when the page says it was published.
        rf"^(?:[^\s!?]+[ ,|-]+){{0,2}}(?:{_DATE})\s*[,|]?\s*(?:pukul\s*)?\d{{1,2}}[:.]\d{{2}}\s*"
        r"(?:wib|wita|wit)?$",
        # Credit lines: a role label, alone or followed by names.
        r"^(?:penulis|editor|reporter|kontributor|penyunting|fotografer|pewarta|wartawan|redaktur|"
        r"videografer|produser|penerjemah|sumber)\s*(?::|\||$)",
        # ... whose value a dump put on the next line (": Nama Penulis").
        r"^:\s?\w[\w .,'’-]{1,60}$",
        # ... or followed by a name without a colon ("Editor Wahyunanda Kusuma Pertiwi").
        r"^(?:penulis|editor|reporter|kontributor|penyunting|fotografer|pewarta|redaktur)"
        r"(?:\s+[\w.'’,-]+){1,6}$",
        r"^(?:laporan|reporter) (?:wartawan|reporter|koresponden|kontributor)\b",
        r"^(?:oleh|by)\s*:\s*\S",
        r"^sumber\s*:?\s*(?:\S+\s?){1,5}$",
        # ... or a source and, in brackets, its reporters ("Sumber: KOMPAS.com (A, B, C)")
        r"^sumber\s*:\s*\S+\s*\([^()]{2,200}\)$",
        # A byline and its editor on one line, with or without colons ("Penulis X | Editor: Y")
        r"^(?:penulis|reporter)\b[^|]{1,60}\|\s*editor\b",
        # Role labels that follow no colon or sit in a list ("Tim Redaksi", "Video Production: X").
        r"^(?:tim redaksi|tim editorial|editor(?:ial)? team)$",
        r"^(?:video production|produksi video|videografer|grafis|desain grafis|infografis|"
        r"ilustrator|penata letak)\s*:",
        # Reading time and view counts ("waktu baca 2 menit", "Dibaca 1.204 kali").
        r"^(?:waktu baca|baca dalam|lama baca)\s*\d+\s*(?:menit|min)",
        r"^(?:dibaca|dilihat)\s*[\d.,]+\s*kali$",
        # User-story boxes: the label and the disclaimer under the account's name.
        r"tidak mewakili pandangan (?:dari )?redaksi",
    ),
    max_words=25,
)

# Credits glued to the name by the old layouts ("EditorHeru Margianto", "PenulisAlsadad Rudi").
GLUED_CREDIT = Family(
    "metadata",
    (r"^(?:Editor|Penulis|Reporter|Kontributor|Penyunting|Fotografer|Pewarta)[A-Z](?:[a-z]|\.? )",),
    max_words=6,
    ignore_case=False,
)

_HEADLINE_WORDS = "dengan|yang|untuk|pada|akan|soal|jadi|dari|ke|di|ini|itu|hingga"
_CREDIT_WORD = r"(?:[Dd]ok\.|[\w&'’-]++(?:\.[\w&'’-]+)*+)"

PHOTO_CREDIT = Family(
    "photo-credit",
    (
        # "AP/Alexei Druzhinin", "Tribunnews.com/Irwan Rismawan", "KOMPAS.com/GARRY LOTULUNG"
        # A credit has no sentence inside it: dots only within a word ("Tribunnews.com"), no
        # bracket but around the whole line.
        # Possessive repeats: a paragraph that starts like a credit fails fast, no backtracking.
        # Agencies chain their sources ("AFP/STR/KCNA MELALUI KNS"); "Dok." is the one
        # abbreviation a credit's words end with. A headline's little words or a count mark a
        # headline with a slash in it ("... 3 Kabupaten/Kota dengan Suhu Terpanas").
        # (The look-aheads after the first letter: the prefilter buckets by it.)
        rf"^\(?[A-Z](?!.*\b(?:{_HEADLINE_WORDS})\b)(?!.* \d+ )"
        rf"[\w&'’-]*+(?:\.[\w&'’-]+)*+(?: {_CREDIT_WORD})*+"
        rf"(?: ?/ ?{_CREDIT_WORD}(?: {_CREDIT_WORD})*+)++\)?$",
        # ... or passed on by another ("KCNA via NK News").
        r"^[A-Z]{2,}(?: [A-Z]{2,})* (?:via|VIA|melalui|MELALUI) [A-Z][\w.]*(?: [A-Z][\w.]*){0,3}$",
        r"^\(?(?:Foto|FOTO|Sumber foto|Kredit foto)\s*:\s*[^.!?]{1,80}\)?$",
        r"^(?:Istimewa|ISTIMEWA|Dok\.? [A-Z].{0,40}|Dokumentasi .{1,40}|Shutterstock|SHUTTERSTOCK|"
        r"Freepik|Unsplash|Pixabay|Getty Images|[Tt]angkap layar .{1,60}|[Ss]creensho+t .{1,60})$",
        # A host name alone or with the photographer ("Tribunnews.com", "kompas.com",
        # "banjarmasinpost.co.id/muhammad rahmadi", "Kolase TribunMadura.com").
        r"^(?:Kolase|KOLASE|Kolase foto|Dok\.?|Foto)?[ /]*[A-Za-z][\w-]*(?:\.[a-zA-Z]{2,3}){1,2}"
        r"(?: ?/ ?[\w .'’-]{2,60})?$",
        r"^(?:Instagram|INSTAGRAM|Twitter|TikTok|YouTube|Facebook|IG)\s*@?[\w.]+$",
        # A still from an account's video: "Akun YouTube Vatican News", "Kanal YouTube X".
        r"^(?:Akun|Kanal|Channel) (?:YouTube|Instagram|Twitter|TikTok|Facebook|X)\b[^.!?]{0,40}$",
        r"^(?:istimewa|dok\. pribadi|dokumentasi pribadi|ilustrasi)$",
        # A collage or a file photo credited to a newsroom, in any case: "Kolase Tribun
        # Manado", "kolase tribunnews".
        rf"^(?i:kolase(?: foto)? (?:{NEWSROOMS}))[\w .-]{{0,30}}$",
        # A regional newsroom's name alone, the credit of its own photo ("TribunManado"; not
        # the network's bare name, which tops a page's header).
        rf"^(?:{NEWSROOMS})[A-Z][A-Za-z]+$",
    ),
    max_words=8,
    ignore_case=False,
)

# Several photos' credits in one line, separated by semicolons ("Tangkap layar YouTube X;
# Facebook Y; dok. Z"): sources and names, never a sentence.
CREDIT_LIST = Family(
    "photo-credit",
    (
        rf"^(?!.*\w[.!?] [A-Z][a-z]+ [a-z])(?=.*\b(?:{_PHOTO_SOURCES})\b)[^;]{{2,60}}"
        r"(?:; ?[^;]{2,60})+$",
    ),
    max_words=24,
    ignore_case=False,
)

_BRACKET_CREDIT = (
    rf"\((?:[A-Za-z][^()]{{0,60}}/\s?[A-Za-z][^()]{{0,60}}|[^()]{{0,40}}\b(?:{_PHOTO_SOURCES})\b"
    r"[^()]{0,60})\)"
)

CAPTION = Family(
    "caption",
    (
        # kumparan style: the caption ends with "Foto: <credit>".
        *(rf"{label}\s*:\s*[^.!?:]{{1,80}}$" for label in ("Foto", "FOTO", "Dok")),
    ),
    ignore_case=False,
)

# A credit in brackets after a finished sentence is the reporter's sign-off of a paragraph
# ("... sepi. (Dedi/tribunlampung)"), unless the block is short (SHORT_CAPTION), the credit is
# labelled, or it is an agency's in capitals or a newsroom's with the name in capitals, as
# photo credits are printed ("(SHUTTERSTOCK/LUCIGERMA)", "(KOMPAS.com/GARRY LOTULUNG)").
BRACKET_CAPTION = Family(
    "caption",
    (rf"{_BRACKET_CREDIT}\s*$",),
    ignore_case=False,
    unless=r"[.!?\"”’] ?\((?!(?:Foto|FOTO|Dok|DOK)\s*:)"
    r"(?![A-Z][A-Z0-9 &'’-]*(?:\.COM|\.ID)?\s?/\s?[A-Z])"
    r"(?![A-Z][\w&'’-]*(?:\.[a-z]{2,3})+\s?/\s?[A-Z]{2})"
    r"[^()]*\)\s*$",
)

# A sentence or two and a credit in brackets is a caption when it is short; a paragraph of the
# article signed off by its reporter ("... sepi. (Dedi/tribunlampung)") is longer.
SHORT_CAPTION = Family(
    "caption",
    (rf"{_BRACKET_CREDIT}\s*$",),
    max_words=10,
    ignore_case=False,
)

# Captions that open with their label ("Foto: ...", "Ilustrasi ...").
LABELED_CAPTION = Family(
    "caption",
    (
        r"^\(?(?:Foto|FOTO|Dok|DOK)\s*:",
        r"^Ilustrasi\b",
        # where the photo stands, in brackets: "(Foto kanan) Warga ...", "(Kiri ke kanan) ..."
        r"^\((?:[Ff]oto )?(?:[Kk]iri|[Kk]anan|[Aa]tas|[Bb]awah)(?: ke (?:kiri|kanan))?\)",
    ),
    max_words=25,
    ignore_case=False,
)

PHOTO_WIDGET = Family(
    "caption",
    (r"^(?:lihat|buka|perbesar) (?:foto|gambar|galeri)(?: (?:lainnya|selengkapnya))?$",),
    max_words=4,
)

# Lines that are markup, not text: image-CDN parameters, Markdown images, bare URLs, tags.
MARKUP = Family(
    "markup",
    (
        r":(?:quality|format|focal|fill|resize)\(",
        # (an image's alt text, cut before its address or not)
        r"^!\[",
    ),
)

# Other stories laid out as a table: one headline per row ("| Headline |", "Headline |"), an
# image cell ("![]() |"). The list follows the article, like the related lists it replaces.
HEADLINE_TABLE = Family(
    "related-list",
    # (searched for their closing " |"; a row of several cells is a data table of the article)
    (r" \|$", r"!\[[^\]]*\]\([^)]*\)\s*\|$"),
    max_words=30,
    ends_body=True,
    unless=r"\|.*\|.*\|",
)

# Server error dumps printed above old pages ("A PHP Error was encountered", "Severity: Notice").
ERROR_DUMP = Family(
    "error-dump",
    (
        r"^a php error was encountered$",
        r"^(?:severity|message|filename|line number)\s*:\s*\S",
    ),
    max_words=25,
)

# Breadcrumbs ("Home » News » Politik").
BREADCRUMB = Family(
    "navigation",
    (" » ",),
    max_words=12,
)

STRAY = Family(
    "stray",
    (
        r"^.{1,2}$",
        r"^[\W\d_]+$",
        # Menu and section words standing alone.
        r"^(?:home|beranda|menu|cari|search|logout|keluar|news|berita|global|nasional|regional|"
        r"internasional|megapolitan|ekonomi|bisnis|money|tekno|sains|bola|sport|sports|olahraga|"
        r"otomotif|lifestyle|hype|health|kesehatan|travel|food|properti|edukasi|edu|tren|video|"
        r"foto|kolom|opini|hiburan|seleb|entertainment|politik|hukum|kriminal|dunia|info|lainnya)$",
    ),
    max_words=2,
)

# Another story's headline signed with its newsroom in brackets, as sites link to their own
# stories ("... Presiden RI (tribunnews)", "... (Kompas.com)"): no sentence before the bracket.
SOURCED_HEADLINE = Family(
    "related-link",
    (rf"^[^.!?]{{20,200}}[^.!?\s] \((?i:(?:{NEWSROOMS})[\w.]*)\)$",),
    max_words=30,
    ignore_case=False,
)

# The title of a video on the newsroom's TV channel, placed after the body ("Kompas TV Rela
# Jalan 10 Km demi ..."): the channel's name, then a headline (no sentence end).
CHANNEL_VIDEO = Family(
    "video-promo",
    (rf"^(?:{NEWSROOMS}) ?TV\b[^.!?]*$",),
    max_words=20,
    ignore_case=False,
)

# An embedded social-media post as text: its attribution line ("— Metro Sport (@Metro_Sport)
# January 30, 2017") and its text ending in the post's short link.
SOCIAL_EMBED = Family(
    "social-embed",
    (
        r"^[—–-] .{1,80}\(@\w{1,40}\) (?:\w+ \d{1,2}, \d{4}|\d{1,2} \w+ \d{4})$",
        r"(?:pic\.twitter\.com|https?://t\.co)/\w+$",
    ),
    max_words=80,
)

# The prayer-times widget some pages print above the headline: the Hijri date (glued to the
# Gregorian one), then one line per prayer with its time ("imsak04:10", "maghrib 17:30").
PRAYER_TIMES = Family(
    "prayer-times",
    (
        r"^\d{1,2} (?:muharram|safar|rabi'?ul ?(?:awal|akhir)|jumadil ?(?:awal|akhir)|rajab|"
        r"sya'?ban|ramadh?an|syawal|dzulqa'?dah|zulkaidah|dzulhijj?ah|zulhijj?ah) \d{4} ?h",
        r"^(?:imsak|subuh|terbit|syuruq|dhuha|dzuhur|zuhur|ashar|asar|maghrib|magrib|isya)"
        r"\s*:?\s*\d{1,2}[:.]\d{2}$",
    ),
    max_words=8,
)

# Kinds that sit in the header block between the headline and the body.
HEADER_FAMILIES = frozenset({"metadata", "photo-credit"})

SHARED_FAMILIES: tuple[Family, ...] = (
    MEMBERSHIP,
    ADVERTISEMENT,
    SHARE_ICON,
    SHARE_WORDS,
    SYNDICATION,
    RELATED_LINK,
    MORE_LINK,
    POINTER,
    SOURCED_HEADLINE,
    CHANNEL_VIDEO,
    SOCIAL_EMBED,
    PRAYER_TIMES,
    PROMOTION,
    PLATFORM_PROMOTION,
    SIGN_UP,
    PAGINATION,
    RELATED_LIST,
    COPYRIGHT,
    COMMENTS,
    GLUED_FOOTER,
    METADATA,
    GLUED_CREDIT,
    HEADLINE_TABLE,
    MARKUP,
    PHOTO_CREDIT,
    CREDIT_LIST,
    CAPTION,
    SHORT_CAPTION,
    BRACKET_CAPTION,
    LABELED_CAPTION,
    PHOTO_WIDGET,
    ERROR_DUMP,
    BREADCRUMB,
    STRAY,
)
