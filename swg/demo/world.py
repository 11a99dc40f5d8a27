"""A believable demo world for the SWG portal, built from the reference documents.

Names come from the 2013 coordination assessment (MoP, PMO Decision Support
Office, the seven SWGs, UNSMIL/UNCT, EU, US, DFID) and the LIBMITAF interim
report 2021-22 (MFA departments, Diplomatic Institute, NTBSM, MoSA, ICMPD, the
Rabat/Khartoum Process focal points). People are invented. Every write goes
through ``swg.services`` where a business rule applies, and nothing is saved
when it is already as described, so ``load_demo`` can run any number of times.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections import Counter

from django.db import transaction

from accounts.models import User
from coordination.history import history_attribute

from ..models import (
    SWG,
    ActionPoint,
    Contact,
    FocalPoint,
    Meeting,
    Membership,
    Minutes,
    Organization,
    SWGAppointment,
)
from ..selectors.memberships import membership_size_warning
from ..services.memberships import (
    focal_point_appoint,
    focal_point_end,
    membership_add,
    membership_end,
)

DEMO_PASSWORD = "demo12345"

# Fixed dates, never "today": a second run on another day must find the same rows.
# Demo assumption: MoP re-launched the seven SWGs under the PMO decree the
# assessment announces (§3.2: "the PMO will issue a decree to all ministries").
RELAUNCH = dt.date(2025, 2, 2)

# The organization flagged as the Ministry of Planning (it receives circulated minutes).
MINISTRY_OF_PLANNING = "mop"

# fmt: off
# (key, type, acronym, English, Arabic, parent key, email domain)
T = Organization.Type
ORGANIZATIONS = [
    # Government side (assessment §3.1: MoP manages the structure, the PMO Decision
    # Support Office oversees technical support; LIBMITAF: MFA is the official entry point).
    ("mop", T.MINISTRY, "MoP", "Ministry of Planning", "وزارة التخطيط", None, "planning.gov.ly"),
    ("tco", T.MINISTRY, "TCO", "Technical Cooperation Office", "مكتب التعاون الفني", "mop",
     "planning.gov.ly"),
    ("pmo", T.GOV_BODY, "PMO", "Prime Minister's Office", "ديوان رئاسة الوزراء", None, "pm.gov.ly"),
    ("dso", T.GOV_BODY, "DSO", "Decision Support Office", "مكتب دعم القرار", "pmo", "pm.gov.ly"),
    ("moh", T.MINISTRY, "MoH", "Ministry of Health", "وزارة الصحة", None, "health.gov.ly"),
    ("moe", T.MINISTRY, "MoE", "Ministry of Education", "وزارة التعليم", None, "education.gov.ly"),
    ("moj", T.MINISTRY, "MoJ", "Ministry of Justice", "وزارة العدل", None, "aladel.gov.ly"),
    ("moi", T.MINISTRY, "MoI", "Ministry of Interior", "وزارة الداخلية", None, "moi.gov.ly"),
    ("mfa", T.MINISTRY, "MFA", "Ministry of Foreign Affairs and International Cooperation",
     "وزارة الخارجية والتعاون الدولي", None, "foreign.gov.ly"),
    ("iod", T.MINISTRY, "IOD", "International Organisations Department", "إدارة المنظمات الدولية",
     "mfa", "foreign.gov.ly"),
    ("icd", T.MINISTRY, "ICD", "International Cooperation Department", "إدارة التعاون الدولي",
     "mfa", "foreign.gov.ly"),
    # LIBMITAF footnote 19: "The Diplomatic Institute is part of the MFA".
    ("di", T.GOV_BODY, "DI", "Diplomatic Institute", "المعهد الدبلوماسي", "mfa", "foreign.gov.ly"),
    ("mosa", T.MINISTRY, "MoSA", "Ministry of Social Affairs", "وزارة الشؤون الاجتماعية", None,
     "socialaffairs.gov.ly"),
    ("moet", T.MINISTRY, "MoET", "Ministry of Economy and Trade", "وزارة الاقتصاد والتجارة", None,
     "economy.gov.ly"),
    ("mol", T.MINISTRY, "MoL", "Ministry of Labour and Rehabilitation", "وزارة العمل والتأهيل",
     None, "labour.gov.ly"),
    ("mof", T.MINISTRY, "MoF", "Ministry of Finance", "وزارة المالية", None, "mof.gov.ly"),
    ("ntbsm", T.GOV_BODY, "NTBSM", "National Team for Border Security and Management",
     "الفريق الوطني لأمن وإدارة الحدود", None, "ntbsm.gov.ly"),
    ("bsc", T.GOV_BODY, "BSC", "Bureau of Statistics and Census", "مصلحة الإحصاء والتعداد", None,
     "bsc.gov.ly"),
    ("hnec", T.GOV_BODY, "HNEC", "High National Elections Commission",
     "المفوضية الوطنية العليا للانتخابات", None, "hnec.ly"),
    # Assessment Annex 1.1: members may include national private sector institutions.
    ("uot", T.ACADEMIA, "UoT", "University of Tripoli", "جامعة طرابلس", None, "uot.edu.ly"),
    ("gucc", T.PRIVATE, "GUCCIA",
     "General Union of Chambers of Commerce, Industry and Agriculture",
     "الاتحاد العام لغرف التجارة والصناعة والزراعة", None, "chambers.ly"),
    # Assessment Annex 2d: "civil society if applicable"; LIBMITAF consulted Libyan CSOs.
    ("lrc", T.CSO, "LRC", "Libyan Red Crescent", "الهلال الأحمر الليبي", None, "lrc.org.ly"),
    ("tamkeen", T.CSO, "Tamkeen", "Tamkeen Network for Women's Empowerment", "شبكة تمكين للمرأة",
     None, "tamkeen.org.ly"),
    ("arf", T.CSO, "ARF", "Awareness and Rights Foundation", "مؤسسة الوعي والحقوق", None,
     "arf.org.ly"),
    # UNCT agencies and the mission (assessment §4.1-4.2).
    ("unsmil", T.UN, "UNSMIL", "United Nations Support Mission in Libya",
     "بعثة الأمم المتحدة للدعم في ليبيا", None, "un.org"),
    ("undp", T.UN, "UNDP", "United Nations Development Programme", "برنامج الأمم المتحدة الإنمائي",
     None, "undp.org"),
    ("unicef", T.UN, "UNICEF", "United Nations Children's Fund", "منظمة الأمم المتحدة للطفولة",
     None, "unicef.org"),
    ("who", T.UN, "WHO", "World Health Organization", "منظمة الصحة العالمية", None, "who.int"),
    ("unfpa", T.UN, "UNFPA", "United Nations Population Fund", "صندوق الأمم المتحدة للسكان", None,
     "unfpa.org"),
    ("unhcr", T.UN, "UNHCR", "UN Refugee Agency", "المفوضية السامية للأمم المتحدة لشؤون اللاجئين",
     None, "unhcr.org"),
    ("iom", T.UN, "IOM", "International Organization for Migration", "المنظمة الدولية للهجرة",
     None, "iom.int"),
    ("unwomen", T.UN, "UN Women", "UN Women", "هيئة الأمم المتحدة للمرأة", None, "unwomen.org"),
    ("unesco", T.UN, "UNESCO", "United Nations Educational, Scientific and Cultural Organization",
     "منظمة الأمم المتحدة للتربية والعلم والثقافة", None, "unesco.org"),
    ("ilo", T.UN, "ILO", "International Labour Organization", "منظمة العمل الدولية", None,
     "ilo.org"),
    # Donors named in the assessment (§3.1: "EU, US, DFID") and in LIBMITAF (EU, Switzerland).
    ("eud", T.MULTILATERAL, "EUD", "EU Delegation to Libya", "بعثة الاتحاد الأوروبي لدى ليبيا",
     None, "eeas.europa.eu"),
    ("wb", T.MULTILATERAL, "WB", "World Bank", "البنك الدولي", None, "worldbank.org"),
    ("icmpd", T.MULTILATERAL, "ICMPD", "International Centre for Migration Policy Development",
     "المركز الدولي لتطوير سياسات الهجرة", None, "icmpd.org"),
    ("uk", T.BILATERAL, "FCDO", "British Embassy Tripoli (FCDO, formerly DFID)",
     "السفارة البريطانية في طرابلس", None, "fcdo.gov.uk"),
    ("us", T.BILATERAL, "US", "Embassy of the United States", "سفارة الولايات المتحدة الأمريكية",
     None, "state.gov"),
    ("usaid", T.BILATERAL, "USAID", "United States Agency for International Development",
     "الوكالة الأمريكية للتنمية الدولية", "us", "usaid.gov"),
    ("it", T.BILATERAL, "IT", "Embassy of Italy", "سفارة إيطاليا", None, "esteri.it"),
    ("de", T.BILATERAL, "DE", "Embassy of Germany", "سفارة جمهورية ألمانيا الاتحادية", None,
     "diplo.de"),
    ("giz", T.BILATERAL, "GIZ", "Deutsche Gesellschaft für Internationale Zusammenarbeit",
     "الوكالة الألمانية للتعاون الدولي", None, "giz.de"),
    ("fr", T.BILATERAL, "FR", "Embassy of France", "سفارة فرنسا", None, "diplomatie.gouv.fr"),
    ("ch", T.BILATERAL, "CH", "Embassy of Switzerland to Tunisia and Libya",
     "سفارة سويسرا لدى تونس وليبيا", None, "eda.admin.ch"),
    ("imc", T.INGO, "IMC", "International Medical Corps", "الهيئة الطبية الدولية", None,
     "internationalmedicalcorps.org"),
    ("ifes", T.INGO, "IFES", "International Foundation for Electoral Systems",
     "المؤسسة الدولية للنظم الانتخابية", None, "ifes.org"),
    ("lfjl", T.INGO, "LFJL", "Lawyers for Justice in Libya", "محامون من أجل العدالة في ليبيا",
     None, "libyanjustice.org"),
]
# Offices covering Libya from Tunis (LIBMITAF met ICMPD and the Swiss Embassy there):
# their staff get Tunisian numbers.
TUNIS_BASED = {"icmpd", "ch", "wb"}

LANGUAGE_NAMES = {"ar": "Arabic", "en": "English", "fr": "French", "it": "Italian",
                  "de": "German", "pt": "Portuguese", "pl": "Polish", "sv": "Swedish"}

# (email local part = key, organization, gender, English, Arabic, title, languages, email language)
# Libyan government staff mostly read Arabic emails, internationals English (DESIGN §3).
CONTACTS = [
    ("salma.benali", "mop", "f", "Salma Ben Ali", "سلمى بن علي",
     "SWG Secretariat Officer (Health, Education)", "ar en", "en"),
    ("ahmed.mabrouk", "mop", "m", "Ahmed Al-Mabrouk", "أحمد المبروك",
     "SWG Secretariat Officer (Security, Political Support)", "ar en", "ar"),
    ("huda.zawi", "mop", "f", "Huda Al-Zawi", "هدى الزاوي",
     "SWG Secretariat Officer (Economic Reform)", "ar en", "ar"),
    ("omar.sharif", "mop", "m", "Omar Al-Sharif", "عمر الشريف",
     "SWG Secretariat Officer (Institutional Building, Justice)", "ar en", "ar"),
    ("nuri.gharyani", "tco", "m", "Nuri Al-Gharyani", "نوري الغرياني",
     "Director, Technical Cooperation Office", "ar en", "ar"),
    ("amal.fitouri", "tco", "f", "Amal Al-Fitouri", "أمل الفيتوري",
     "Head of Aid Coordination Section", "ar en fr", "ar"),
    ("faraj.dabbashi", "dso", "m", "Faraj Al-Dabbashi", "فرج الدباشي",
     "Head, Decision Support Office", "ar en", "ar"),
    ("nadia.rayes", "dso", "f", "Nadia Al-Rayes", "نادية الرايس", "Policy Analyst", "ar en", "ar"),
    ("khaled.zintani", "moh", "m", "Khaled Al-Zintani", "خالد الزنتاني",
     "Director, International Cooperation Department", "ar en", "ar"),
    ("fatima.tarhuni", "moh", "f", "Fatima Al-Tarhuni", "فاطمة الترهوني",
     "Head of Primary Health Care Department", "ar en", "ar"),
    ("mohamed.werfalli", "moh", "m", "Mohamed Al-Werfalli", "محمد الورفلي",
     "Former Director of Planning", "ar", "ar"),
    ("mariam.obeidi", "moe", "f", "Mariam Al-Obeidi", "مريم العبيدي",
     "Director General of Planning", "ar en", "ar"),
    ("abdulsalam.kikhia", "moe", "m", "Abdulsalam Al-Kikhia", "عبد السلام الكيخيا",
     "Head, Curriculum Centre", "ar", "ar"),
    ("hisham.misrati", "moj", "m", "Hisham Al-Misrati", "هشام المصراتي",
     "Undersecretary for Legal Affairs", "ar en", "ar"),
    # LIBMITAF: the MoJ International Cooperation Department is ICMPD's direct interlocutor.
    ("rabia.gadi", "moj", "f", "Rabia Al-Gadi", "ربيعة القاضي",
     "Head, International Cooperation Department", "ar en", "ar"),
    # LIBMITAF: ICMPD first met the Foreign Relations Committee of the MoI (7 July 2021).
    ("salem.jaafari", "moi", "m", "Salem Al-Jaafari", "سالم الجعفري",
     "Head, Foreign Relations Committee", "ar en", "ar"),
    ("aisha.bakkoush", "moi", "f", "Aisha Al-Bakkoush", "عائشة البكوش",
     "Legal Adviser, Migration Department", "ar", "ar"),
    # The MFA's focal points belong to the ministry itself: the post is the MFA's even
    # when the holder sits in one of its departments (LIBMITAF §MFA).
    ("tarek.hadi", "mfa", "m", "Tarek Al-Hadi", "طارق الهادي",
     "ICMPD Focal Point, International Organisations Department", "ar en", "ar"),
    ("walid.shaibani", "mfa", "m", "Walid Al-Shaibani", "وليد الشيباني",
     "Third Secretary, International Cooperation Department", "ar en fr", "ar"),
    ("asma.barouni", "mfa", "f", "Asma Al-Barouni", "أسماء الباروني",
     "Second Secretary, International Organisations Department", "ar en", "ar"),
    ("ibrahim.dressi", "mfa", "m", "Ibrahim Al-Dressi", "إبراهيم الدرسي",
     "Head, Security Affairs Section", "ar en", "ar"),
    ("salah.buaisha", "iod", "m", "Salah Bu Aisha", "صلاح بوعيشة",
     "Director, International Organisations Department", "ar en", "ar"),
    ("hanan.muntasser", "icd", "f", "Hanan Al-Muntasser", "حنان المنتصر",
     "Director, International Cooperation Department", "ar en", "ar"),
    ("jamal.tajouri", "di", "m", "Jamal Al-Tajouri", "جمال التاجوري", "Director of Training",
     "ar en", "ar"),
    ("najwa.shukri", "mosa", "f", "Najwa Al-Shukri", "نجوى الشكري",
     "Director, Women and Child Affairs", "ar", "ar"),
    ("adel.maghribi", "moet", "m", "Adel Al-Maghribi", "عادل المغربي",
     "Undersecretary for Economic Affairs", "ar en", "ar"),
    ("sara.badri", "moet", "f", "Sara Al-Badri", "سارة البدري", "Head, SME Development Department",
     "ar en", "ar"),
    ("ramadan.zlitni", "mol", "m", "Ramadan Al-Zlitni", "رمضان الزليتني",
     "Director General of Human Resource Development", "ar", "ar"),
    ("eman.mansouri", "mol", "f", "Eman Al-Mansouri", "إيمان المنصوري",
     "Head, Employment Programmes", "ar en", "ar"),
    ("yousef.ghwell", "mof", "m", "Yousef Al-Ghwell", "يوسف الغويل", "Director, Budget Department",
     "ar en", "ar"),
    ("ali.ajili", "ntbsm", "m", "Ali Al-Ajili", "علي العجيلي", "Coordinator", "ar", "ar"),
    ("laila.senussi", "bsc", "f", "Laila Al-Senussi", "ليلى السنوسي",
     "Head, Household Surveys Division", "ar en", "ar"),
    ("abdelrahman.benomran", "hnec", "m", "Abdelrahman Ben Omran", "عبد الرحمن بن عمران",
     "Director, External Relations", "ar en", "ar"),
    ("wafa.hashmi", "uot", "f", "Wafa Al-Hashmi", "وفاء الهاشمي", "Dean, Faculty of Economics",
     "ar en", "en"),
    ("anwar.buri", "gucc", "m", "Anwar Al-Buri", "أنور البوري", "Secretary General", "ar en", "ar"),
    ("marwa.fergani", "lrc", "f", "Marwa Al-Fergani", "مروة الفرجاني", "Protection Coordinator",
     "ar en", "ar"),
    ("zahra.mismari", "tamkeen", "f", "Zahra Al-Mismari", "زهراء المسماري", "Chairperson", "ar en",
     "ar"),
    ("khalil.naas", "arf", "m", "Khalil Al-Naas", "خليل النعاس", "Executive Director", "ar", "ar"),
    ("karin.lindqvist", "unsmil", "f", "Karin Lindqvist", "كارين ليندكفيست",
     "Coordination Officer, Office of the DSRSG/RC/HC", "en sv", "en"),
    ("samuel.okafor", "unsmil", "m", "Samuel Okafor", "صامويل أوكافور",
     "Senior Security Sector Adviser", "en", "en"),
    ("elena.rossi", "unsmil", "f", "Elena Rossi", "إيلينا روسي",
     "Human Rights Officer, Human Rights, Transitional Justice and Rule of Law Division",
     "en it fr", "en"),
    ("hassan.haddad", "unsmil", "m", "Hassan Haddad", "حسن حداد", "Political Affairs Officer",
     "ar en fr", "en"),
    ("marco.bellini", "undp", "m", "Marco Bellini", "ماركو بيليني", "Governance Team Leader",
     "en it", "en"),
    ("rania.khoury", "undp", "f", "Rania Khoury", "رانيا خوري",
     "Electoral Support Project Manager", "ar en fr", "en"),
    ("james.whitfield", "undp", "m", "James Whitfield", "جيمس ويتفيلد",
     "Economic Recovery Specialist", "en", "en"),
    ("amina.diallo", "unicef", "f", "Amina Diallo", "أمينة ديالو", "Chief of Education", "en fr",
     "en"),
    ("peter.novak", "unicef", "m", "Peter Novak", "بيتر نوفاك", "Health and Nutrition Specialist",
     "en", "en"),
    ("leila.mansour", "who", "f", "Leila Mansour", "ليلى منصور", "Health Cluster Coordinator",
     "ar en fr", "en"),
    ("ahmed.zouiten", "who", "m", "Ahmed Zouiten", "أحمد زويتن",
     "Technical Officer, Health Systems", "ar en fr", "en"),
    ("nourdin.saleh", "unfpa", "m", "Nour El-Din Saleh", "نور الدين صالح",
     "Programme Specialist, Reproductive Health", "ar en", "en"),
    ("ingrid.solberg", "unhcr", "f", "Ingrid Solberg", "إنغريد سولبرغ", "Protection Officer", "en",
     "en"),
    ("luca.ferrante", "iom", "m", "Luca Ferrante", "لوكا فيرانتي",
     "Programme Manager, Immigration and Border Management", "en it", "en"),
    ("mona.elgamal", "iom", "f", "Mona El-Gamal", "منى الجمل", "Migrant Protection Officer",
     "ar en", "ar"),
    ("dina.abdelrahman", "unwomen", "f", "Dina Abdelrahman", "دينا عبد الرحمن",
     "Programme Specialist, Women, Peace and Security", "ar en", "en"),
    ("claire.dubois", "unesco", "f", "Claire Dubois", "كلير دوبوا",
     "Education Programme Specialist", "fr en", "en"),
    ("tomasz.wojcik", "ilo", "m", "Tomasz Wojcik", "توماش فويتشيك", "Employment Specialist",
     "en pl", "en"),
    ("sophie.laurent", "eud", "f", "Sophie Laurent", "صوفي لوران",
     "Programme Manager, Health and Social Protection", "fr en", "en"),
    ("johannes.weber", "eud", "m", "Johannes Weber", "يوهانس فيبر",
     "Programme Manager, Migration and Border Management", "de en", "en"),
    ("ana.costa", "eud", "f", "Ana Costa", "آنا كوستا",
     "Programme Manager, Governance and Economic Development", "pt en fr", "en"),
    ("marta.kowalska", "eud", "f", "Marta Kowalska", "مارتا كوفالسكا",
     "Programme Manager, Education and Youth", "pl en", "en"),
    ("oliver.hughes", "uk", "m", "Oliver Hughes", "أوليفر هيوز",
     "Programme Manager, Conflict, Stability and Security Fund", "en", "en"),
    ("rachel.thompson", "uk", "f", "Rachel Thompson", "رايتشل تومسون", "Governance Adviser", "en",
     "en"),
    ("michael.reyes", "us", "m", "Michael Reyes", "مايكل رييس", "Political Officer", "en", "en"),
    ("jennifer.park", "usaid", "f", "Jennifer Park", "جينيفر بارك", "Economic Growth Officer",
     "en", "en"),
    ("david.miller", "usaid", "m", "David Miller", "ديفيد ميلر",
     "Democracy and Governance Officer", "en ar", "en"),
    ("giulia.romano", "it", "f", "Giulia Romano", "جوليا رومانو",
     "First Secretary, Development Cooperation", "it en", "en"),
    ("francesco.galli", "it", "m", "Francesco Galli", "فرانشيسكو غالي", "Health Programme Officer",
     "it en", "en"),
    ("katrin.schulz", "de", "f", "Katrin Schulz", "كاترين شولتس", "Counsellor, Development",
     "de en", "en"),
    ("stefan.hoffmann", "giz", "m", "Stefan Hoffmann", "شتيفان هوفمان",
     "Head of Programme, Economic Development", "de en", "en"),
    ("reem.abushagur", "giz", "f", "Reem Abushagur", "ريم أبوشاقور",
     "Senior Adviser, Vocational Training", "ar en", "ar"),
    ("antoine.mercier", "fr", "m", "Antoine Mercier", "أنطوان مرسييه",
     "Attaché for Cooperation and Cultural Action", "fr en ar", "en"),
    ("lukas.meier", "ch", "m", "Lukas Meier", "لوكاس ماير", "Programme Officer, Migration (SEM)",
     "de fr en", "en"),
    ("priya.raman", "wb", "f", "Priya Raman", "بريا رامان", "Senior Public Sector Specialist",
     "en", "en"),
    ("karim.nasser", "wb", "m", "Karim Nasser", "كريم ناصر", "Senior Economist", "ar en fr", "en"),
    ("anna.gruber", "icmpd", "f", "Anna Gruber", "آنا غروبر", "Project Manager, LIBMITAF", "de en",
     "en"),
    ("mehdi.bensalah", "icmpd", "m", "Mehdi Ben Salah", "مهدي بن صالح", "Project Officer, Tripoli",
     "ar fr en", "ar"),
    ("sarah.collins", "imc", "f", "Sarah Collins", "سارة كولينز", "Country Director", "en", "en"),
    ("thomas.berg", "ifes", "m", "Thomas Berg", "توماس بيرغ", "Chief of Party", "en de", "en"),
    ("nada.bensaad", "lfjl", "f", "Nada Bensaad", "ندى بن سعد",
     "Programme Manager, Transitional Justice", "ar en", "ar"),
]

# Assessment Annex 1.1: a government chair, one technical lead agency, supporting
# agencies, members, and "MoP appointed-staff" as secretariat. Tasks are the "exact task in
# the SWG" of Annex 2d. Optional (start, end, reason) records history.
CHAIR_TASK = "Chairs the group for the Government; sets the meeting calendar, approves minutes"
LEAD_TASK = "Technical lead agency: advises the chair, drafts the sector action plan"
# The Arabic of the tasks every group shares (DESIGN §2: both forms).
TASKS_AR = {
    CHAIR_TASK: "يرأس المجموعة عن الحكومة؛ يحدد جدول الاجتماعات ويعتمد المحاضر",
    LEAD_TASK: "الوكالة الفنية الرائدة: تقدم المشورة للرئيس وتعد خطة عمل القطاع",
}
SECRETARIAT_TASK = "Secretariat: agendas, invitations, minutes, archive and progress reports"
MEMBERSHIPS = [
    ("security", "chair", "salem.jaafari", CHAIR_TASK),
    ("security", "technical_lead", "samuel.okafor", LEAD_TASK + " on security sector reform"),
    ("security", "supporting", "luca.ferrante", "Integrated border management and migration"),
    ("security", "member", "ali.ajili", "Presents national border security priorities"),
    ("security", "member", "ibrahim.dressi", "Channels official correspondence with partners"),
    ("security", "member", "johannes.weber", "Reports on EU border management programmes"),
    ("security", "member", "oliver.hughes", "Reports on UK-funded security projects"),
    ("security", "member", "giulia.romano", "Reports on Italian border and coast guard training"),
    ("security", "member", "anna.gruber", "Shares LIBMITAF progress on migration governance"),
    ("security", "secretariat", "ahmed.mabrouk", SECRETARIAT_TASK),
    ("political-support", "chair", "faraj.dabbashi", CHAIR_TASK),
    ("political-support", "technical_lead", "rania.khoury", LEAD_TASK + " on elections"),
    ("political-support", "supporting", "hassan.haddad", "Political analysis; constitution track"),
    ("political-support", "supporting", "dina.abdelrahman", "Women's political participation"),
    ("political-support", "member", "abdelrahman.benomran", "Electoral calendar and needs"),
    ("political-support", "member", "david.miller", "Reports on USAID governance programmes"),
    ("political-support", "member", "ana.costa", "Reports on EU democratic governance support"),
    ("political-support", "observer", "thomas.berg", "Observer; shares electoral TA updates"),
    ("political-support", "secretariat", "ahmed.mabrouk", SECRETARIAT_TASK),
    # History: the first chair retired and the ministry nominated a successor.
    ("health", "chair", "mohamed.werfalli", CHAIR_TASK, RELAUNCH, dt.date(2026, 1, 31),
     "Retired; MoH nominated Dr Khaled Al-Zintani"),
    ("health", "chair", "khaled.zintani", CHAIR_TASK, dt.date(2026, 2, 1)),
    ("health", "technical_lead", "leila.mansour", LEAD_TASK + "; health sector strategy"),
    ("health", "supporting", "peter.novak", "Child health, nutrition and immunisation"),
    ("health", "supporting", "nourdin.saleh", "Reproductive health and GBV services"),
    ("health", "member", "sophie.laurent", "Reports on EU health system support"),
    ("health", "member", "francesco.galli", "Reports on Italian hospital rehabilitation"),
    ("health", "member", "sarah.collins", "Primary health care delivery in the south"),
    ("health", "secretariat", "salma.benali", SECRETARIAT_TASK),
    ("education", "chair", "mariam.obeidi", CHAIR_TASK),
    ("education", "technical_lead", "amina.diallo", LEAD_TASK + "; education sector plan"),
    ("education", "supporting", "claire.dubois", "Curriculum reform and teacher training"),
    ("education", "member", "antoine.mercier", "French language and higher education grants"),
    ("education", "member", "marta.kowalska", "Reports on EU education and youth support"),
    ("education", "member", "reem.abushagur", "Technical and vocational training"),
    ("education", "member", "wafa.hashmi", "Research partner; tracer studies of graduates"),
    ("education", "secretariat", "salma.benali", SECRETARIAT_TASK),
    # Eleven organizations on purpose: the portal warns past ten (Annex 1.1: 8-10).
    ("economic-reform", "chair", "adel.maghribi", CHAIR_TASK),
    ("economic-reform", "technical_lead", "james.whitfield", LEAD_TASK + "; recovery plan"),
    ("economic-reform", "supporting", "tomasz.wojcik", "Employment subsector lead"),
    ("economic-reform", "supporting", "karim.nasser", "Macroeconomic analysis and diagnostics"),
    ("economic-reform", "member", "eman.mansouri", "National employment programmes"),
    ("economic-reform", "member", "ana.costa", "Reports on EU private sector programmes"),
    ("economic-reform", "member", "giulia.romano", "Reports on Italian agriculture support"),
    ("economic-reform", "member", "stefan.hoffmann", "SME and start-up support"),
    ("economic-reform", "member", "jennifer.park", "Reports on USAID economic growth projects"),
    ("economic-reform", "member", "anwar.buri", "Voice of the private sector"),
    ("economic-reform", "member", "antoine.mercier", "Tourism and cultural heritage", RELAUNCH,
     dt.date(2026, 3, 31), "France refocused on education; stays in Education SWG"),
    ("economic-reform", "secretariat", "huda.zawi", SECRETARIAT_TASK),
    ("institutional-building", "chair", "ramadan.zlitni", CHAIR_TASK),
    ("institutional-building", "technical_lead", "marco.bellini", LEAD_TASK + "; civil service"),
    ("institutional-building", "supporting", "priya.raman", "Public financial management"),
    ("institutional-building", "supporting", "rachel.thompson", "Public administration reform"),
    ("institutional-building", "member", "laila.senussi", "National statistics and surveys"),
    ("institutional-building", "member", "yousef.ghwell", "Budget preparation and execution"),
    ("institutional-building", "member", "jamal.tajouri", "Training of diplomats and officials"),
    ("institutional-building", "member", "ana.costa", "Reports on EU public administration"),
    ("institutional-building", "secretariat", "omar.sharif", SECRETARIAT_TASK),
    ("justice-human-rights", "chair", "hisham.misrati", CHAIR_TASK),
    ("justice-human-rights", "technical_lead", "elena.rossi", LEAD_TASK + "; transitional justice"),
    ("justice-human-rights", "supporting", "dina.abdelrahman", "Women empowerment subsector"),
    ("justice-human-rights", "supporting", "ingrid.solberg", "Protection of refugees"),
    ("justice-human-rights", "member", "najwa.shukri", "Social protection; shelters for women"),
    ("justice-human-rights", "member", "nada.bensaad", "Transitional justice documentation"),
    ("justice-human-rights", "member", "zahra.mismari", "Women's rights advocacy"),
    ("justice-human-rights", "member", "marwa.fergani", "Humanitarian protection"),
    # Annex 1.1: membership is reassessed yearly "against frequent absences".
    ("justice-human-rights", "member", "khalil.naas", "Legal awareness campaigns", RELAUNCH,
     dt.date(2026, 2, 15), "Annual reassessment: frequent absences"),
    ("justice-human-rights", "observer", "lukas.meier",
     "Observer for the Swiss migration programme"),
    ("justice-human-rights", "secretariat", "omar.sharif", SECRETARIAT_TASK),
]

# LIBMITAF interim report (MFA section): focal points appointed, replaced and interim.
# (organization, contact, purpose, detail, appointed on, interim)
P = FocalPoint.Purpose
LIBMITAF_FOCAL_POINTS = [
    # "A permanent ICMPD focal point was appointed within the MFA"; the report gives
    # no date, the demo uses the 12 Oct 2021 meeting with the International Organisations Dept.
    ("mfa", "tarek.hadi", P.GENERAL, "ICMPD", dt.date(2021, 10, 12), False),
    # "in November and December 2021, a new Rabat Process Focal Point (International
    # Cooperation Department) and a new Khartoum Process Focal Point (International
    # Organisations Department) were respectively appointed".
    ("mfa", "walid.shaibani", P.DIALOGUE, "Rabat Process", dt.date(2021, 11, 15), False),
    ("mfa", "asma.barouni", P.DIALOGUE, "Khartoum Process", dt.date(2021, 12, 1), False),
    # Footnote 21: Note Verbale of 14 March 2022 - the general ICMPD focal point also
    # takes the Rabat Process; focal_point_appoint ends the November appointment.
    ("mfa", "tarek.hadi", P.DIALOGUE, "Rabat Process", dt.date(2022, 3, 14), False),
    # MoSA working group: ICMPD's nominee awaits MFA approval (Note Verbale 8 Feb 2022).
    ("icmpd", "mehdi.bensalah", P.DIALOGUE, "MoSA Working Group on protection centres",
     dt.date(2022, 2, 8), True),
]

# (label, email, full name, kind, organization key, language, [(swg, role)], start)
K = User.Kind
DEMO_USERS = [
    ("Secretariat (MoP)", "secretariat@demo.ly", "Salma Ben Ali", K.GOVERNMENT, "mop", "en",
     [("health", "secretariat"), ("education", "secretariat")], RELAUNCH),
    # The person behind the current Health chair membership.
    ("Chair (Health SWG)", "chair@demo.ly", "Khaled Al-Zintani", K.GOVERNMENT, "moh", "ar",
     [("health", "chair")], dt.date(2026, 2, 1)),
    ("Partner (WHO)", "partner@demo.ly", "Leila Mansour", K.PARTNER, "who", "en", [], None),
    ("Partner (EU Delegation)", "partner2@demo.ly", "Sophie Laurent", K.PARTNER, "eud", "en", [],
     None),
    ("Coordination team (UNSMIL)", "coordination@demo.ly", "Karin Lindqvist", K.COORDINATION,
     "unsmil", "en", [], None),
    ("Administrator", "admin@demo.ly", "Portal Administrator", K.ADMIN, None, "en", [], None),
]
DEMO_LOGINS = [(label, email) for label, email, *_ in DEMO_USERS]
# fmt: on


def _phones(key: str, org_key: str) -> tuple[str, str]:
    """Stable made-up numbers: a second run must produce the same values."""
    n = zlib.crc32(key.encode())
    if org_key in TUNIS_BASED:
        return f"+216 {(20, 50, 98)[n % 3]} {n % 1000:03d} {n // 7 % 1000:03d}", (
            f"+216 71 {n // 11 % 1000:03d} {n // 13 % 1000:03d}"
        )
    mobile = f"+218 9{(1, 2, 4)[n % 3]} {n % 1000:03d} {n // 7 % 10000:04d}"
    return mobile, f"+218 21 {300 + n // 11 % 700:03d} {n // 13 % 10000:04d}"


def _upsert(model, lookup: dict, values: dict, stats: Counter, by=None):
    """get_or_create that saves only when something differs (no empty history rows)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = history_attribute(model(**lookup, **values), by=by)
        obj.save()
        stats[f"{model.__name__} created"] += 1
        return obj
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        history_attribute(obj, by=by).save(update_fields=changed)
        stats[f"{model.__name__} updated"] += 1
    return obj


def _organizations(stats, by) -> dict[str, Organization]:
    orgs = {}
    for key, org_type, acronym, en, ar, parent, _domain in ORGANIZATIONS:
        values = {
            "name_ar": ar,
            "org_type": org_type,
            "acronym": acronym,
            "parent_id": orgs[parent].pk if parent else None,
            "is_ministry_of_planning": key == MINISTRY_OF_PLANNING,
        }
        orgs[key] = _upsert(Organization, {"name_en": en}, values, stats, by)
    return orgs


def _contacts(orgs, stats, by) -> dict[str, Contact]:
    domains = {row[0]: row[6] for row in ORGANIZATIONS}
    contacts = {}
    for key, org_key, gender, en, ar, title, langs, preferred in CONTACTS:
        mobile, landline = _phones(key, org_key)
        values = {
            "name_en": en,
            "name_ar": ar,
            "title_en": title,
            "organization_id": orgs[org_key].pk,
            "gender": gender,
            "mobile": mobile,
            "landline": landline,
            "preferred_language": preferred,
            "languages": ", ".join(LANGUAGE_NAMES[code] for code in langs.split()),
        }
        email = f"{key}@{domains[org_key]}"
        contacts[key] = _upsert(Contact, {"email": email}, values, stats, by)
    return contacts


def _user(row, orgs, swgs, stats) -> User:
    _label, email, full_name, kind, org_key, language, appointments, start = row
    values = {
        "full_name": full_name,
        "kind": kind,
        "language": language,
        "organization_id": orgs[org_key].pk if org_key else None,
    }
    user = User.objects.filter(email=email).first()
    if user is None:
        create = User.objects.create_superuser if kind == K.ADMIN else User.objects.create_user
        user = create(email, DEMO_PASSWORD, **values)
        stats["User created"] += 1
    else:
        # The password is set only on creation: hashing costs ~0.5 s per login, and
        # re-runs (and build_scaled_world in tests) must stay quick and write nothing.
        user = _upsert(User, {"email": email}, values, stats)
    for slug, role in appointments:
        if not SWGAppointment.objects.filter(user=user, swg=swgs[slug], role=role).exists():
            SWGAppointment.objects.create(user=user, swg=swgs[slug], role=role, start_date=start)
            stats["SWGAppointment created"] += 1
    return user


def _memberships(swgs, contacts, stats, by) -> None:
    """Through the services, so the one-chair and government-chair rules hold."""
    for slug, role, key, task, *history in MEMBERSHIPS:
        start, end, reason = (*history, None, "")[:3] if history else (RELAUNCH, None, "")
        contact = contacts[key]
        membership = Membership.objects.filter(
            swg=swgs[slug], contact=contact, role=role, start_date=start
        ).first()
        if membership is None:
            membership, _warning = membership_add(
                swg=swgs[slug],
                role=role,
                contact=contact,
                task_en=task,
                task_ar=TASKS_AR.get(task, ""),
                start_date=start,
                by=by,
            )
            stats["Membership created"] += 1
        if end and membership.end_date is None:
            membership_end(membership=membership, end_date=end, reason=reason, by=by)
        # Every member organization names its focal point for this SWG (Annex 2d contact list).
        fp = _appoint(contact.organization, contact, P.SWG, "", start, False, stats, by, swgs[slug])
        if end and fp.ended_on is None:
            focal_point_end(focal_point=fp, ended_on=end, by=by)


def _appoint(org, contact, purpose, detail, on, interim, stats, by, swg=None) -> FocalPoint:
    fp = FocalPoint.objects.filter(
        organization=org,
        contact=contact,
        purpose=purpose,
        swg=swg,
        purpose_detail=detail,
        appointed_on=on,
    ).first()
    if fp is None:
        fp = focal_point_appoint(
            organization=org,
            contact=contact,
            purpose=purpose,
            swg=swg,
            purpose_detail=detail,
            appointed_on=on,
            is_interim=interim,
            by=by,
        )
        stats["FocalPoint created"] += 1
    return fp


def _swgs() -> dict[str, SWG]:
    slugs = {row[0] for row in MEMBERSHIPS}
    swgs = {swg.slug: swg for swg in SWG.objects.filter(slug__in=slugs)}
    missing = slugs - swgs.keys()
    if missing:
        raise RuntimeError(f"Run the migrations first; missing SWGs: {', '.join(sorted(missing))}")
    return swgs


@transaction.atomic
def build_demo_world() -> dict:
    """Create or refresh the demo world; returns counts and size warnings."""
    stats: Counter = Counter()
    swgs = _swgs()
    # The admin is created first so every later history row names who made it.
    admin_row, *other_rows = sorted(DEMO_USERS, key=lambda row: row[3] != K.ADMIN)
    admin = _user(admin_row, {}, swgs, stats)
    orgs = _organizations(stats, admin)
    contacts = _contacts(orgs, stats, admin)
    for row in other_rows:
        _user(row, orgs, swgs, stats)
    _memberships(swgs, contacts, stats, admin)
    for org_key, key, purpose, detail, on, interim in LIBMITAF_FOCAL_POINTS:
        _appoint(orgs[org_key], contacts[key], purpose, detail, on, interim, stats, admin)
    # A year of meetings, minutes and action points (swg.demo.meetings); imported
    # here because that module reads this one's tables.
    from .meetings import build_demo_meetings

    build_demo_meetings(stats)
    from .archive import build_demo_archive

    build_demo_archive(stats)
    from .tors import build_demo_tors

    build_demo_tors(stats)
    from .notifications import build_demo_notifications

    build_demo_notifications(stats)
    # Economic Reform has eleven organizations on purpose, so the >10 warning shows.
    warnings = [w for swg in swgs.values() if (w := membership_size_warning(swg=swg))]
    return {"changes": dict(stats), "warnings": warnings, "totals": totals()}


def totals() -> dict[str, int]:
    return {
        "organizations": Organization.objects.count(),
        "contacts": Contact.objects.count(),
        "memberships (active)": Membership.objects.active().count(),
        "memberships (ended)": Membership.objects.filter(end_date__isnull=False).count(),
        "focal points": FocalPoint.objects.count(),
        "users": User.objects.count(),
        "SWG appointments": SWGAppointment.objects.count(),
        "meetings": Meeting.objects.count(),
        "meetings held": Meeting.objects.filter(
            status__in=(Meeting.Status.HELD, Meeting.Status.CIRCULATED)
        ).count(),
        "minutes": Minutes.objects.count(),
        "action points (open)": ActionPoint.objects.filter(
            status__in=ActionPoint.OPEN_STATUSES
        ).count(),
    }


@transaction.atomic
def build_scaled_world(factor: int) -> dict:
    """The demo world plus ``factor - 1`` suffixed copies of its organizations,
    contacts, memberships and SWG focal points, spread over the seven SWGs. For
    query-count tests, so it bypasses the services and writes no history."""
    build_demo_world()
    swg_ids = list(
        SWG.objects.filter(lead=SWG.Lead.MOP, is_active=True)
        .order_by("number")
        .values_list("pk", flat=True)
    )
    base_orgs = {row[3]: row for row in ORGANIZATIONS}
    originals = {o.pk: o for o in Organization.objects.filter(name_en__in=base_orgs)}
    base_contacts = list(Contact.objects.filter(organization__in=originals.values()))
    base_members = list(Membership.objects.active().filter(contact__in=base_contacts))
    for copy in range(2, factor + 1):
        suffix = f" #{copy}"
        if Organization.objects.filter(name_en=ORGANIZATIONS[0][3] + suffix).exists():
            continue  # this copy exists already: building twice changes nothing
        clones: dict[int, Organization] = {}
        pending = list(originals.values())
        while pending:  # parents before children, so each clone can point at its parent's
            ready = [o for o in pending if o.parent_id is None or o.parent_id in clones]
            new = Organization.objects.bulk_create(
                Organization(
                    name_en=o.name_en + suffix,
                    name_ar=f"{o.name_ar} {copy}",
                    acronym=f"{o.acronym}-{copy}"[:30],
                    org_type=o.org_type,
                    parent=clones.get(o.parent_id),
                )
                for o in ready
            )
            clones.update((o.pk, n) for o, n in zip(ready, new, strict=True))
            pending = [o for o in pending if o.pk not in clones]
        people = dict(
            zip(
                (c.pk for c in base_contacts),
                Contact.objects.bulk_create(
                    Contact(
                        name_en=c.name_en + suffix,
                        name_ar=f"{c.name_ar} {copy}",
                        title_en=c.title_en,
                        title_ar=c.title_ar,
                        organization=clones[c.organization_id],
                        gender=c.gender,
                        email=c.email.replace("@", f".{copy}@"),
                        mobile=c.mobile,
                        landline=c.landline,
                        languages=c.languages,
                        preferred_language=c.preferred_language,
                    )
                    for c in base_contacts
                ),
                strict=True,
            )
        )
        members = Membership.objects.bulk_create(
            Membership(
                swg_id=swg_ids[(swg_ids.index(m.swg_id) + copy) % len(swg_ids)],
                organization=clones[m.organization_id],
                contact=people[m.contact_id],
                # One chair per SWG stays true: the copies join as members.
                role=Membership.Role.MEMBER if m.role == Membership.Role.CHAIR else m.role,
                task_en=m.task_en,
                task_ar=m.task_ar,
                start_date=m.start_date,
            )
            for m in base_members
        )
        FocalPoint.objects.bulk_create(
            FocalPoint(
                organization=m.organization,
                contact=m.contact,
                swg_id=m.swg_id,
                purpose=P.SWG,
                appointed_on=m.start_date,
            )
            for m in members
        )
        from .archive import scale_archive

        scale_archive(copy, swg_ids)
    return totals()
