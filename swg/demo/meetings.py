"""A year of meetings for the demo world (``swg.demo.world``), 1 Dec 2025 to 30 Nov 2026,
plus a few planned ones; "today" in the story is late November 2026.

The shape follows the LIBMITAF interim report's meeting logs (dated meetings in
Tripoli or Tunis, informal ones marked * with no report, joint meetings, focal
points and Notes Verbales through the MFA, participants counted by gender) and the
2013 assessment's contrasts: Health is the one group that meets with the
Government in the room (§4.3, §5.1); security met as a UN-internal forum with no
Libyan counterpart (§4.2, Annex 1 c); other groups meet rarely. Writes go through
the meeting and minutes services, except the steps that would email (sending
invitations, circulating minutes, cancelling): their outcome is set directly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from coordination.history import history_attribute

from ..models import SWG, ActionPoint, Contact, Meeting, Membership, Minutes
from ..selectors.attendance import meeting_attendance_figures
from ..services.action_points import action_point_add, action_point_set_status
from ..services.attendance import attendance_add_walk_in, attendance_record
from ..services.invitations import invitations_add
from ..services.meetings import (
    agenda_follow_ups_add,
    agenda_item_add,
    meeting_mark_held,
    meeting_plan,
)
from ..services.minutes import minutes_approve, minutes_save, minutes_start, minutes_submit
from .world import CONTACTS, ORGANIZATIONS

# fmt: off
ZONES = {"tripoli": ZoneInfo("Africa/Tripoli"), "tunis": ZoneInfo("Africa/Tunis")}
# Venues in English and Arabic (DESIGN §2: the short texts read in lists have both forms).
VENUES = {"health": ("Ministry of Health, meeting room", "وزارة الصحة، قاعة الاجتماعات"),
          "education": ("Ministry of Education, meeting room", "وزارة التعليم، قاعة الاجتماعات"),
          "justice-human-rights": ("Ministry of Justice, conference hall", "وزارة العدل، قاعة المؤتمرات")}
MOP_VENUE = ("Ministry of Planning, conference room", "وزارة التخطيط، قاعة المؤتمرات")
# LIBMITAF: meetings with partners in Tunis
TUNIS_VENUE = ("UN offices, Les Berges du Lac", "مكاتب الأمم المتحدة، ضفاف البحيرة")
SHORT_NAMES = {"economic-reform": ("Economic Reform", "الإصلاح الاقتصادي"),
               "institutional-building": ("Institutional Building", "البناء المؤسسي")}
# Title after "<group> SWG — ", first match of: workshop, joint, informal, health, other.
LABELS = {"workshop": ("workshop", "ورشة عمل"),
          "joint": ("joint meeting with the Education SWG", "اجتماع مشترك مع مجموعة عمل التعليم"),
          "informal": ("informal briefing", "إحاطة غير رسمية"),
          "health": ("monthly meeting", "الاجتماع الشهري"), "": ("regular meeting", "الاجتماع الدوري")}
OPENING = ("Opening, adoption of the agenda and of the previous minutes",
           "الافتتاح واعتماد جدول الأعمال ومحضر الاجتماع السابق")
HEALTH_CHAIR_LOGIN = dt.date(2026, 2, 1)  # chair@demo.ly's appointment (demo.world)
# (SWG, date, place: tripoli|tunis|online, outcome, topics, extras). Outcome: planned,
# informal (held, no minutes: LIBMITAF "*"), cancelled, postponed (to the group's next
# row), or the state of the minutes: draft, submitted, approved, circulated. Extras:
# +key ad-hoc invitee, ~key walk-in, "workshop", "joint" (Education invited; LIBMITAF
# "Joint meeting (DI, MoJ, MoY)").
MEETINGS = [
    ("health", "2025-12-10", "tripoli", "circulated", "tor hsp", ""),
    ("health", "2026-01-14", "tripoli", "circulated", "phc measles", "+fatima.tarhuni"),
    ("health", "2026-02-11", "tripoli", "circulated", "chair rh eu", ""),
    ("health", "2026-03-11", "tunis", "circulated", "his cholera", "~ahmed.zouiten"),
    ("health", "2026-04-08", "online", "informal", "measles", ""),
    ("health", "2026-05-13", "tripoli", "circulated", "nutrition pharma", "+fatima.tarhuni +laila.senussi"),
    ("health", "2026-06-10", "tripoli", "circulated", "school sabha", "joint"),
    ("health", "2026-07-08", "tripoli", "postponed", "mhpss gbv", ""),
    ("health", "2026-07-22", "tripoli", "circulated", "mhpss gbv", ""),
    ("health", "2026-08-12", "online", "informal", "cholera", ""),
    ("health", "2026-09-09", "tripoli", "circulated", "hsp2", "+fatima.tarhuni"),
    ("health", "2026-10-14", "tripoli", "circulated", "q3 wp", ""),
    ("health", "2026-11-11", "tripoli", "submitted", "validation winter", "~ahmed.zouiten"),
    ("health", "2026-12-09", "tripoli", "planned", "endorse", "+fatima.tarhuni"),
    ("health", "2027-01-13", "tripoli", "planned", "wp27", ""),
    ("education", "2025-12-17", "tripoli", "circulated", "esp schools", ""),
    ("education", "2026-02-18", "tripoli", "circulated", "curr eu_edu", ""),
    ("education", "2026-04-22", "tunis", "circulated", "tvet hedu", ""),
    ("education", "2026-06-17", "tripoli", "circulated", "emis", "+laila.senussi"),
    ("education", "2026-09-16", "tripoli", "approved", "year", "~abdulsalam.kikhia"),
    ("education", "2026-11-18", "tripoli", "draft", "report", ""),
    ("education", "2027-01-20", "tripoli", "planned", "plan27", ""),
    # LIBMITAF: the MoJ International Cooperation Department and the MFA focal point.
    ("justice-human-rights", "2026-01-21", "tripoli", "circulated", "tj legal", "+rabia.gadi +tarek.hadi"),
    ("justice-human-rights", "2026-03-18", "tripoli", "circulated", "women protect", ""),
    ("justice-human-rights", "2026-05-20", "tripoli", "circulated", "shelters", "workshop +mehdi.bensalah +mona.elgamal"),
    ("justice-human-rights", "2026-07-15", "tripoli", "circulated", "aid", "~aisha.bakkoush"),
    ("justice-human-rights", "2026-10-21", "tripoli", "circulated", "review", ""),
    ("justice-human-rights", "2026-12-16", "tripoli", "planned", "hrplan", ""),
    ("security", "2026-03-04", "tunis", "circulated", "ibm libmitaf", ""),
    ("security", "2026-10-07", "online", "informal", "ssr", ""),
    ("political-support", "2026-06-03", "tripoli", "circulated", "elections wpp", "~zahra.mismari"),
    ("economic-reform", "2026-01-28", "tripoli", "circulated", "sme jobs", ""),
    ("economic-reform", "2026-04-29", "tripoli", "cancelled", "subsidies", ""),
    ("economic-reform", "2026-06-24", "tripoli", "circulated", "subsidies agri", ""),
    ("economic-reform", "2026-10-28", "tripoli", "circulated", "psd", ""),
    ("institutional-building", "2026-03-25", "tripoli", "circulated", "pfm census", ""),
    ("institutional-building", "2026-08-26", "tunis", "informal", "csr", ""),
]
REASONS = {
    ("health", "2026-07-08"): "The chair accompanies the Minister to the Council of Ministers; moved by two weeks.",
    ("economic-reform", "2026-04-29"): "The chair is travelling; the items move to the June meeting.",
}
# Groups that met with no Libyan counterpart in the room (assessment §4.2: "without the
# participation of Libyan counterparts"; Annex 1 c: "merely an internal UN working group").
NO_GOVERNMENT = {"security"}
# Annex 1.1: membership reassessed "against frequent absences" (ended in demo.world).
ALWAYS_ABSENT = {"khalil.naas"}

# key: (title, Arabic title, presenter[, discussion, decisions, action]); action:
# (description, owner, due in days, "status+n …": set at the n-th following meeting).
TOPICS = {
    "tor": ("Terms of reference of the Health SWG: review", "مراجعة اختصاصات مجموعة عمل الصحة", "salma.benali",
            "The secretariat presented the draft TOR built on the generic TOR. Members asked to state that ad-hoc invitees do not become members.",
            "The draft TOR goes to MoP for review with the members' comments.", ("Send the revised Health SWG TOR to MoP for review", "salma.benali", 30, "done+1")),
    "hsp": ("Health sector strategy 2026-2030: outline", "الاستراتيجية الوطنية للقطاع الصحي 2026-2030: الإطار العام", "leila.mansour",
            "WHO presented the outline and the consultation calendar with the municipalities. Members asked that the costing use the Ministry of Finance's 2026 figures.",
            "Members send written comments on the outline within four weeks.", ("Circulate the revised strategy outline with the members' comments", "leila.mansour", 45, "in_progress+1 done+2")),
    "phc": ("Primary health care in the south: functioning facilities", "الرعاية الصحية الأولية في الجنوب: المرافق العاملة", "sarah.collins",
            "IMC reported that 41 of 78 primary health care facilities in Fezzan are functioning. MoH noted staff shortages and unpaid allowances.",
            "Partners align their mobile clinic routes on the facility map to avoid duplication.", ("Share the Fezzan facility mapping with MoH and WHO", "sarah.collins", 30, "done+1")),
    "measles": ("Measles-rubella catch-up campaign", "حملة التطعيم الاستدراكية ضد الحصبة والحصبة الألمانية", "peter.novak",
                "UNICEF presented the campaign for children from 9 months to 14 years and the cold chain capacity. MoH confirmed that the National Centre for Disease Control leads the micro-planning.",
                "The campaign starts in March; partners support social mobilisation in their districts.", ("Report district-level coverage of the catch-up campaign", "peter.novak", 75, "in_progress+2 done+4")),
    "chair": ("Welcome of the new chair", "الترحيب برئيس المجموعة الجديد", "khaled.zintani",
              "The Ministry of Health nominated Dr Khaled Al-Zintani as chair after the retirement of Dr Mohamed Al-Werfalli. The chair asked for one consolidated list of partner support.",
              "Meetings stay monthly, on the second Wednesday, at the Ministry of Health.", None),
    "rh": ("Reproductive health supplies for 2026", "إمدادات الصحة الإنجابية لعام 2026", "nourdin.saleh",
           "UNFPA presented the 2026 distribution of reproductive health kits and stock-outs reported by maternity wards in Sabha and Ubari.",
           "Distribution gives priority to the southern maternity wards.", ("Share the 2026 distribution plan of reproductive health kits", "nourdin.saleh", 21, "done+1")),
    "eu": ("EU support to the health system: new call for proposals", "دعم الاتحاد الأوروبي للنظام الصحي: دعوة جديدة لتقديم المقترحات", "sophie.laurent",
           "The EU Delegation presented the call (primary health care and health information). MoH asked that proposals follow the strategy being drafted.",
           "The call is shared in Arabic with the Ministry's departments.", ("Share the call's eligibility criteria in Arabic with MoH departments", "sophie.laurent", 14, "done+1")),
    "his": ("Health information: DHIS2 roll-out and common indicators", "المعلومات الصحية: تعميم نظام DHIS2 والمؤشرات المشتركة", "leila.mansour",
            "WHO reported that 9 of 22 districts report monthly through DHIS2. Partners report in different formats, so figures cannot be added up.",
            "WHO proposes a common set of indicators for partners' monthly reporting.", ("Propose a common set of monthly reporting indicators for partners", "leila.mansour", 40, "in_progress+2 done+5")),
    "cholera": ("Preparedness for seasonal outbreaks (acute watery diarrhoea)", "التأهب للأوبئة الموسمية (الإسهال المائي الحاد)", "leila.mansour",
                "WHO presented the summer preparedness plan; kits are short in the east. IMC offered its southern warehouses.",
                "WHO updates the prepositioning plan per region before June.", ("Update the prepositioning of diarrhoeal disease kits per region", "leila.mansour", 30, "in_progress+2")),
    "nutrition": ("National nutrition survey 2026", "المسح الوطني للتغذية 2026", "peter.novak",
                  "UNICEF presented the survey protocol. The Bureau of Statistics and Census offered its household sampling frame; MoH asked for results by municipality.",
                  "The survey uses the Bureau's sampling frame; fieldwork in the autumn.", ("Agree the survey sampling frame with the Bureau of Statistics and Census", "peter.novak", 45, "done+2")),
    "pharma": ("Essential medicines list and procurement", "قائمة الأدوية الأساسية والمشتريات", "fatima.tarhuni",
               "The Primary Health Care Department presented the revised list. Partners asked for it before their 2027 procurement plans.",
               "MoH publishes the list; partners procure listed medicines only.", ("Publish the revised essential medicines list", "fatima.tarhuni", 90, "in_progress+2 done+5")),
    "school": ("School health and nutrition (joint session with the Education SWG)", "الصحة والتغذية المدرسية (جلسة مشتركة مع مجموعة عمل التعليم)", "amina.diallo",
               "Members of both groups discussed screening of pupils and school meals. The Ministry of Education asked for health teams in schools before the school year.",
               "UNICEF drafts a joint screening protocol with both ministries.", ("Draft a joint school health screening protocol with MoH and MoE", "peter.novak", 60, "in_progress+2 done+4")),
    "sabha": ("Rehabilitation of Sabha Medical Centre: handover", "إعادة تأهيل مركز سبها الطبي: التسليم", "francesco.galli",
              "Italy reported that the works end in September; the Ministry must name a handover committee and budget the running costs.",
              "MoH names the handover committee.", ("Name the MoH handover committee for Sabha Medical Centre", "khaled.zintani", 45, "open")),
    "mhpss": ("Mental health and psychosocial support services", "خدمات الصحة النفسية والدعم النفسي الاجتماعي", "leila.mansour",
              "WHO presented the gaps outside Tripoli and Benghazi; partners run small projects that nobody has mapped.",
              "WHO maps the providers by municipality.", ("Map mental health and psychosocial support providers by municipality", "leila.mansour", 75, "open")),
    "gbv": ("Clinical management of rape: training of health workers", "الإدارة السريرية لحالات الاغتصاب: تدريب العاملين الصحيين", "nourdin.saleh",
            "UNFPA reported 60 doctors and midwives trained in three hospitals; referral pathways to protection services are missing in the south.",
            "Training continues in Sabha; referral pathways are agreed with the Justice and Human Rights SWG.", None),
    "hsp2": ("Health sector strategy: preparing the validation workshop", "الاستراتيجية الصحية: التحضير لورشة المصادقة", "leila.mansour",
             "WHO presented the second draft with the members' comments. The chair asked for a validation workshop with the municipalities in October.",
             "Validation workshop in Tripoli in October, with the Ministry of Planning.", ("Send the concept note of the validation workshop to MoH", "leila.mansour", 20, "done+1")),
    "q3": ("Quarterly project updates and the progress report to MoP", "التحديثات الفصلية للمشاريع والتقرير المرحلي لوزارة التخطيط", "salma.benali",
           "The secretariat reported that 5 of 8 partners sent their third-quarter updates; the report to the Technical Cooperation Office is due in November.",
           "Missing updates are sent within two weeks.", ("Submit the third-quarter updates of EU-funded health projects", "sophie.laurent", 14, "open")),
    "wp": ("Joint work plan 2027: first draft", "خطة العمل المشتركة لعام 2027: المسودة الأولى", "leila.mansour",
           "Members reviewed the draft matrix by strategy objective; several partners have not confirmed their 2027 funding.",
           "WHO consolidates the matrix for adoption in January.", ("Consolidate the 2027 joint work plan matrix", "leila.mansour", 50, "open")),
    # LIBMITAF reports activities as "Number of participants: 11 (8 women, 3 men)".
    "validation": ("Outcome of the strategy validation workshop", "نتائج ورشة المصادقة على الاستراتيجية الصحية", "khaled.zintani",
                   "The chair reported on the validation workshop: 46 participants (19 women, 27 men) from the Ministry, the municipalities and partners.",
                   "The validated strategy goes to the Council of Ministers through the Ministry of Planning.", None),
    "winter": ("Winter preparedness: respiratory infections", "التأهب لفصل الشتاء: التهابات الجهاز التنفسي", "leila.mansour",
               "WHO presented the surveillance of respiratory infections; paediatric wards in the south lack oxygen concentrators.",
               "Partners report their stocks of oxygen concentrators to WHO.", ("Preposition oxygen concentrators in southern paediatric wards", "leila.mansour", 40, "open")),
    "endorse": ("Health sector strategy: endorsement and next steps", "الاستراتيجية الصحية: الاعتماد والخطوات التالية", "khaled.zintani"),
    "wp27": ("Adoption of the joint work plan 2027", "اعتماد خطة العمل المشتركة لعام 2027", "leila.mansour"),
    "esp": ("Education sector plan: priorities for 2026", "الخطة القطاعية للتعليم: أولويات عام 2026", "amina.diallo",
            "UNICEF presented the sector analysis: overcrowded schools in Tripoli and damaged schools in the east. The Ministry asked partners to follow its five priorities.",
            "Partner support is mapped against the Ministry's five priorities.", ("Share the education sector analysis in Arabic and English", "amina.diallo", 45, "done+1")),
    "schools": ("Rehabilitation of damaged schools: joint priority list", "تأهيل المدارس المتضررة: القائمة المشتركة للأولويات", "mariam.obeidi",
                "The Ministry presented 112 schools needing repair; three partners keep lists of their own.",
                "One list, kept by the Ministry, is used by all partners.", ("Send the Ministry's priority list of schools with damage assessments", "mariam.obeidi", 30, "in_progress+1")),
    "curr": ("Curriculum reform: teacher training plan", "إصلاح المناهج: خطة تدريب المعلمين", "claire.dubois",
             "UNESCO presented the training of 4,000 teachers on the new grade 1-4 curriculum; the Curriculum Centre asked for Arabic materials first.",
             "Training starts in the summer break.", ("Circulate the teacher training calendar for the new curriculum", "claire.dubois", 30, "done+1")),
    "eu_edu": ("EU education and youth programme", "برنامج الاتحاد الأوروبي للتعليم والشباب", "marta.kowalska",
               "The EU Delegation presented its programme in twelve municipalities; members asked which ones.",
               "The list of municipalities is shared before the next meeting.", ("Share the municipalities targeted by the EU youth programme", "marta.kowalska", 21, "done+1")),
    "tvet": ("Technical and vocational training: labour market needs", "التعليم التقني والمهني: احتياجات سوق العمل", "reem.abushagur",
             "GIZ presented the training centres it supports; employers say graduates lack practical skills. The University of Tripoli offered a tracer study.",
             "A tracer study of graduates is designed with the University of Tripoli.", ("Present the design of the tracer study of vocational graduates", "wafa.hashmi", 60, "open")),
    "hedu": ("Higher education scholarships", "منح التعليم العالي", "antoine.mercier",
             "France presented 40 master's scholarships for 2026-27; members asked to publish all scholarship calls in one place.",
             "The secretariat lists the scholarship calls on the portal.", None),
    "emis": ("Education management information system", "نظام المعلومات الإدارية للتعليم", "amina.diallo",
             "UNICEF presented the school census; the Bureau of Statistics asked that indicators match its household survey.",
             "School census indicators are agreed with the Bureau of Statistics and Census.", ("Agree the school census indicators with the Bureau of Statistics and Census", "amina.diallo", 60, "open")),
    "year": ("Readiness for the school year", "الاستعداد للعام الدراسي الجديد", "mariam.obeidi",
             "The Ministry reported textbooks printed for grades 1-6 and delays for secondary schools.",
             "The Ministry reports textbook delivery by municipality.", ("Report textbook delivery to schools by municipality", "mariam.obeidi", 30, "open")),
    "report": ("Education SWG progress report 2026", "التقرير المرحلي لمجموعة عمل التعليم لعام 2026", "salma.benali",
               "The secretariat presented the draft report: five meetings, most action points done, three partners without project updates.",
               "Partners send their 2026 results against the sector indicators.", ("Send 2026 results against the education sector indicators", "claire.dubois", 21, "open")),
    "plan27": ("Education sector priorities for 2027", "أولويات قطاع التعليم لعام 2027", "mariam.obeidi"),
    "tj": ("Transitional justice: documentation of violations", "العدالة الانتقالية: توثيق الانتهاكات", "elena.rossi",
           "UNSMIL presented the mapping of documentation initiatives; LFJL noted that victims' files are kept without common standards.",
           "Partners agree common documentation standards.", ("Share the mapping of documentation initiatives with members", "nada.bensaad", 45, "done+1")),
    # LIBMITAF: legislation activities on hold until the Minister of Justice's approval
    # reaches partners by Note Verbale through the MFA.
    "legal": ("Migration legislation: review of the legal framework", "تشريعات الهجرة: مراجعة الإطار القانوني", "rabia.gadi",
              "The International Cooperation Department recommended the review; the Minister's approval is pending. The MFA focal point recalled that approvals reach partners by Note Verbale through the MFA.",
              "Activities on migration legislation stay on hold until the Note Verbale is received.", ("Transmit the Minister's decision on the legislative review by Note Verbale via the MFA", "hisham.misrati", 60, "open")),
    "women": ("Women's participation in municipal councils", "مشاركة المرأة في المجالس البلدية", "dina.abdelrahman",
              "UN Women presented training for women candidates; Tamkeen asked for sessions outside the large cities.",
              "Training is extended to six smaller municipalities.", ("Share the training curriculum for women candidates", "dina.abdelrahman", 30, "done+1")),
    "protect": ("Protection of refugees and asylum seekers", "حماية اللاجئين وطالبي اللجوء", "ingrid.solberg",
                "UNHCR reported on access to detention centres; the Libyan Red Crescent described referrals from the coast.",
                "UNHCR shares monthly protection figures with the group.", ("Share monthly protection monitoring figures", "ingrid.solberg", 30, "dropped+2")),
    # LIBMITAF: the MoSA technical working group (UNHCR, UNFPA, UNICEF, ICMPD), 27 March 2022.
    "shelters": ("Shelters for migrant women and children: minimum standards", "مراكز إيواء النساء والأطفال المهاجرين: المعايير الدنيا", "najwa.shukri",
                 "The Ministry of Social Affairs presented the draft minimum standards of the committee created by decree; ICMPD presented good practices from Tunisia, Switzerland, Italy and the Netherlands.",
                 "The Ministry drafts a roadmap towards the first shelter.", ("Draft the roadmap towards the first shelter for migrant women and children", "najwa.shukri", 60, "in_progress+1")),
    "aid": ("Legal aid for women", "المساعدة القانونية للنساء", "zahra.mismari",
            "Tamkeen presented its legal aid clinics; most cases concern divorce, custody and inheritance.",
            "Partners refer cases to the clinics; the Ministry considers a legal aid register.", None),
    "review": ("Annual reassessment of membership", "إعادة التقييم السنوي للعضوية", "hisham.misrati",
               "The chair presented the members' attendance and contributions over the year, as the generic TOR requires.",
               "Membership is kept; two members are asked to attend more regularly.", None),
    "hrplan": ("National human rights action plan: consultation", "الخطة الوطنية لحقوق الإنسان: التشاور", "elena.rossi"),
    "ibm": ("Integrated border management: who supports what", "الإدارة المتكاملة للحدود: خريطة دعم الشركاء", "luca.ferrante",
            "IOM presented the project matrix; the EU, Italy and the UK support the same southern border posts. No government counterpart attended, so national priorities could not be discussed.",
            "The technical lead briefs the chair bilaterally; the matrix is updated.", ("Update the border management project matrix", "luca.ferrante", 30, "open")),
    # LIBMITAF: MoI interest in consular crisis preparedness; requests go through the MFA.
    "libmitaf": ("Migration governance: consular crisis preparedness training", "حوكمة الهجرة: التدريب على التأهب للأزمات القنصلية", "anna.gruber",
                 "ICMPD presented the training for diplomats and Ministry of Interior attachés; nominations must come through the MFA by Note Verbale.",
                 "The secretariat re-sends the invitation to the Ministry of Interior through the MFA.", ("Request the Ministry of Interior's nominations by Note Verbale via the MFA", "anna.gruber", 30, "open")),
    "ssr": ("Security sector reform: partners' update", "إصلاح القطاع الأمني: مستجدات الشركاء", "samuel.okafor"),
    "elections": ("Municipal elections: calendar and needs", "الانتخابات البلدية: الجدول الزمني والاحتياجات", "abdelrahman.benomran",
                  "HNEC presented the calendar of the next phase of municipal elections and its needs (voter registration, training of polling staff).",
                  "Partners reply to HNEC's needs list in writing.", ("Consolidate the partners' replies to HNEC's needs list", "rania.khoury", 30, "open")),
    "wpp": ("Women's political participation", "المشاركة السياسية للمرأة", "dina.abdelrahman",
            "UN Women presented the share of women candidates in the last phase; Tamkeen asked for safe campaigning measures.",
            "Partners support a code of conduct against violence towards women candidates.", None),
    "sme": ("Small and medium enterprises: joint mapping of support", "المشروعات الصغرى والمتوسطة: الخريطة المشتركة للدعم", "stefan.hoffmann",
            "GIZ presented SME programmes by municipality; the General Union of Chambers said few reach the south.",
            "Programmes are listed by municipality on the portal.", ("Share the list of SME programmes by municipality", "stefan.hoffmann", 30, "done+1")),
    "jobs": ("National employment programme", "البرنامج الوطني للتشغيل", "eman.mansouri",
             "The Ministry of Labour presented its programme for graduates; ILO offered support to a labour force survey.",
             "ILO and the Ministry agree the survey timetable.", ("Agree the labour force survey timetable with the Ministry of Labour", "tomasz.wojcik", 45, "in_progress+1")),
    "subsidies": ("Economic diagnostic: fuel subsidy reform options", "التشخيص الاقتصادي: خيارات إصلاح دعم المحروقات", "karim.nasser",
                  "The World Bank presented options and their social impact; the Ministry asked for a cash transfer scheme first.",
                  "The World Bank prepares an options note with the Ministry of Economy and Trade.", ("Present the subsidy reform options note", "karim.nasser", 60, "open")),
    "agri": ("Agriculture value chains", "سلاسل القيمة الزراعية", "giulia.romano",
             "Italy presented its support to olive producers in the west; members discussed export certification.",
             "A subsector meeting on agriculture is held with the chambers of commerce.", None),
    "psd": ("Dialogue with the private sector", "الحوار مع القطاع الخاص", "anwar.buri",
            "The General Union of Chambers presented obstacles reported by its members: credit, letters of credit and customs delays.",
            "The chair raises them at the next policy-level liaison meeting.", None),
    "pfm": ("Public financial management: budget classification", "إدارة المالية العامة: التصنيف الموحد للموازنة", "priya.raman",
            "The World Bank presented the PEFA assessment plan; the Ministry of Finance asked to start with the chart of accounts.",
            "The PEFA assessment starts in the second half of the year.", ("Share the PEFA assessment timetable", "priya.raman", 45, "open")),
    "census": ("Population and housing census: preparation", "التعداد العام للسكان والمساكن: التحضير", "laila.senussi",
               "The Bureau of Statistics and Census presented its census plan; the last census dates from 2006. Partners asked about mapping and funding gaps.",
               "Partners state their possible support by the next meeting.", ("Share the census cartography and equipment needs", "laila.senussi", 60, "open")),
    "csr": ("Civil service reform: partners' update", "إصلاح الخدمة المدنية: مستجدات الشركاء", "marco.bellini"),
}
OPENING_MINUTES = ("The chair opened the meeting and welcomed the participants.",
                   "The agenda and the minutes of the previous meeting were adopted.")
# What a follow-up item says when the owner reports (status after the meeting).
FOLLOW_UP_TEXT = {
    "done": ("{org} reported the action completed.", "Closed."),
    "dropped": ("{org} reported that the action is no longer needed.", "Dropped by the group."),
    "in_progress": ("{org} gave an update on progress.", "In progress; carried to the next meeting."),
    "open": ("{org} reported no progress yet.", "Carried to the next meeting."),
}
# fmt: on


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _at(day: dt.date, hour: int, place: str = "tripoli", days: int = 0) -> dt.datetime:
    """Local time where the meeting is (Tunis is an hour behind Tripoli)."""
    when = dt.datetime.combine(day + dt.timedelta(days=days), dt.time(hour))
    return when.replace(tzinfo=ZONES.get(place, ZONES["tripoli"]))


def _presence(slug: str, key: str, contact: Contact, day: dt.date, role: str) -> str:
    """Stable (a rebuild gives the same sheet); Health is the best-attended group."""
    n = int(hashlib.sha1(f"{key}/{day}".encode()).hexdigest(), 16) % 20
    if key in ALWAYS_ABSENT or (slug in NO_GOVERNMENT and contact.organization.is_government):
        return "absent" if n % 2 else "excused"
    if role in ("chair", "technical_lead", "secretariat"):
        return "present"
    usual = 17 if slug == "health" else 15
    return "present" if n < usual else "excused" if n < 19 else "absent"


class _Builder:
    def __init__(self, stats: Counter):
        self.stats = stats
        users = {u.email: u for u in User.objects.filter(email__endswith="@demo.ly")}
        self.secretariat, self.chair = users["secretariat@demo.ly"], users["chair@demo.ly"]
        self.coordination = users["coordination@demo.ly"]
        # The demo's own people (never build_scaled_world's copies), by their email key.
        domains = {row[0]: row[6] for row in ORGANIZATIONS}
        emails = {f"{key}@{domains[org]}": key for key, org, *_ in CONTACTS}
        found = Contact.objects.filter(email__in=emails).select_related("organization")
        self.contacts = {emails[c.email]: c for c in found}
        self.keys = {c.pk: key for key, c in self.contacts.items()}

    def members(self, slug: str, day: dt.date) -> dict[str, tuple[Contact, str]]:
        """The group's people on that day (a former chair was a member then)."""
        rows = Membership.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day),
            swg__slug=slug,
            contact__isnull=False,
            start_date__lte=day,
        ).order_by("role")
        found = {}
        for m in rows:
            if key := self.keys.get(m.contact_id):
                found.setdefault(key, (self.contacts[key], m.role))
        return found

    def build_swg(self, swg: SWG, rows: list) -> None:
        self.points: dict[int, list] = {}  # action point pk → [point, plan, meetings seen]
        postponed = None
        for _slug, day, place, outcome, topics, extras in rows:
            meeting = self.meeting(swg, _day(day), place, outcome, topics.split(), extras.split())
            if postponed is not None:  # moved to the group's next meeting
                postponed.postponed_to = meeting
                history_attribute(postponed, by=self.secretariat).save(
                    update_fields=["postponed_to"]
                )
            postponed = meeting if outcome == "postponed" else None

    def meeting(self, swg, day, place, outcome, topics, tokens) -> Meeting:
        by = self.secretariat
        en, ar = SHORT_NAMES.get(swg.slug, (swg.name_en, swg.name_ar))
        kind = Meeting.Kind.WORKSHOP if "workshop" in tokens else Meeting.Kind.SWG
        label = next(t for t in (*tokens, outcome, swg.slug, "") if t in LABELS)
        is_formal, start = outcome != "informal", _at(day, 10, place)
        if start > timezone.now() and outcome not in ("cancelled", "postponed"):
            outcome = "planned"  # a clock behind the story: it has not happened yet
        venue = {"tunis": TUNIS_VENUE, "online": ("", "")}.get(
            place, VENUES.get(swg.slug, MOP_VENUE)
        )
        meeting = meeting_plan(
            swg=swg,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3 if kind == "workshop" else 2),
            title_en=f"{en} SWG — {LABELS[label][0]}",
            title_ar=f"مجموعة عمل {ar} — {LABELS[label][1]}",
            kind=kind,
            is_formal=is_formal,
            city=place,
            venue_en=venue[0],
            venue_ar=venue[1],
            online_url=f"https://meet.planning.gov.ly/swg-{swg.slug}" if place == "online" else "",
            by=by,
        )
        opening = agenda_item_add(meeting=meeting, title_en=OPENING[0], title_ar=OPENING[1], by=by)
        items = {opening.pk: None}
        if meeting.is_formal:  # informal briefings carry no follow-ups (LIBMITAF: no report)
            # Only what the members have received: minutes not yet circulated are
            # draft content (DESIGN §3 "Meeting").
            circulated = set(
                ActionPoint.objects.circulated()
                .filter(pk__in=self.points)
                .values_list("pk", flat=True)
            )
            points = [p for p, *_ in self.points.values() if p.is_open and p.pk in circulated]
            for item in agenda_follow_ups_add(meeting=meeting, action_points=points, by=by):
                items[item.pk] = item.action_point
        for key in topics:
            title_en, title_ar, presenter, *content = TOPICS[key]
            presenter = self.contacts[presenter]
            item = agenda_item_add(
                meeting=meeting, title_en=title_en, title_ar=title_ar, presenter=presenter, by=by
            )
            items[item.pk] = content
        # The group's people that day, ad-hoc invitees (Annex 1.1: "occasional", never a
        # membership) and, for the joint meeting, the Education group's people.
        people = self.members(swg.slug, day)
        invitees = {**(self.members("education", day) if "joint" in tokens else {}), **people}
        invitees.update((t[1:], (self.contacts[t[1:]], "ad hoc")) for t in tokens if t[0] == "+")
        invitations_add(meeting=meeting, contacts=[c for c, _ in invitees.values()], by=by)
        # Whoever was a member that day and has left since was no ad-hoc invitee.
        people_ids = [c.pk for c, _ in people.values()]
        meeting.invitations.filter(contact__in=people_ids).update(is_ad_hoc=False)
        self.stats.update({"Meeting created": 1, "AgendaItem created": len(items)})
        self.stats["Invitation created"] += len(invitees)
        dates = {"created_at": _at(day, 9, days=-24)}
        if outcome != "planned":  # planned: invitations added, not sent (that emails)
            dates["invitations_sent_at"] = _at(day, 11, days=-14)
        Meeting.objects.filter(pk=meeting.pk).update(**dates)
        if outcome in ("cancelled", "postponed"):  # set directly: the services would email
            meeting.status, meeting.status_reason = outcome, REASONS[swg.slug, day.isoformat()]
            history_attribute(meeting, by=by).save(update_fields=["status", "status_reason"])
        elif outcome != "planned":
            self.attend(meeting, swg.slug, day, invitees, tokens)
            meeting_mark_held(meeting=meeting, by=by)
            if meeting.is_formal:
                self.minutes(meeting, swg.slug, day, outcome, items)
        return meeting

    def attend(self, meeting, slug, day, invitees, tokens) -> None:
        entries = [(c, _presence(slug, k, c, day, role)) for k, (c, role) in invitees.items()]
        attendance_record(meeting=meeting, entries=entries, by=self.secretariat)
        for walk_in in (self.contacts[t[1:]] for t in tokens if t[0] == "~"):
            attendance_add_walk_in(meeting=meeting, contact=walk_in, by=self.secretariat)
            self.stats["Attendance created"] += 1
        self.stats["Attendance created"] += len(entries)
        for status, rsvp in (("present", "accepted"), ("excused", "declined")):
            ids = [c.pk for c, s in entries if s == status]
            meeting.invitations.filter(contact__in=ids).update(
                rsvp=rsvp, rsvp_at=_at(day, 12, days=-5)
            )

    def minutes(self, meeting, slug, day, outcome, items) -> None:
        by = self.secretariat
        minutes = minutes_start(meeting=meeting, by=by)
        changes, actions, decisions, data = [], [], [], []
        for item in minutes.items.order_by("order"):
            content = items[item.agenda_item_id]
            if content is None:
                text = OPENING_MINUTES
            elif isinstance(content, ActionPoint):
                text = self.follow_up(content, day, changes)
            else:  # a topic: its discussion, decisions and maybe an action point
                text = tuple(content[:2]) or ("", "")
                decisions += content[1:2]
                actions += [(item, content[2])] if content and content[2] else []
            data.append({"id": item.pk, "title": item.title, "order": item.order})
            data[-1].update(discussion=text[0], decisions=text[1])
        f = meeting_attendance_figures(meeting=meeting)  # LIBMITAF: "11 (8 women, 3 men)"
        summary = (
            f"Participants: {f.present} ({f.women} women, {f.men} men), "
            f"{f.government_count} from government. " + " ".join(decisions)
        )
        # Health's secretariat translates the summary (DESIGN §2); the other groups'
        # minutes reach Arabic readers in the original, with a note saying so.
        summary_ar = (
            f"المشاركون: {f.present} ({f.women} نساء، {f.men} رجال)، "
            f"منهم {f.government_count} من الحكومة."
            if slug == "health" and minutes.language == "en"
            else ""
        )
        minutes = minutes_save(
            minutes=minutes,
            summary=summary.strip(),
            summary_translation=summary_ar,
            language=minutes.language,
            attendance_text=minutes.attendance_text,
            items=data,
            by=by,
        )
        for item, (description, owner, days, plan) in actions:
            point = action_point_add(
                minutes=minutes,
                description_en=description,
                owner_organization=self.contacts[owner].organization,
                owner_contact=self.contacts[owner],
                due_date=day + dt.timedelta(days=days),
                minutes_item=item,
                by=by,
            )
            steps = {int(n): s for s, _, n in (t.partition("+") for t in plan.split()) if n}
            self.points[point.pk] = [point, steps, 0]
        for point, status in changes:  # what the owners reported at this meeting
            point = action_point_set_status(action_point=point, status=status, by=by)
            self.points[point.pk][0] = point
            if not point.is_open:
                ActionPoint.objects.filter(pk=point.pk).update(closed_on=day)
        self.stats.update({"Minutes created": 1, "ActionPoint created": len(actions)})
        dates = {"created_at": _at(day, 9, days=1)}
        if outcome != "draft":
            minutes_submit(minutes=minutes, by=by)
            dates["submitted_at"] = _at(day, 14, days=3)
        if outcome in ("approved", "circulated"):
            # Only the Health chair has a login, from his appointment on; for the others the
            # secretariat records the approval (Security, run by the UN: the coordination team).
            approver = by
            if slug == "health" and day >= HEALTH_CHAIR_LOGIN:
                approver = self.chair
            elif slug in NO_GOVERNMENT:
                approver = self.coordination
            minutes_approve(minutes=minutes, by=approver)
            dates["approved_at"] = _at(day, 12, days=7)
        if outcome == "circulated":  # set directly: minutes_circulate would email
            dates.update(status=Minutes.Status.CIRCULATED, circulated_at=_at(day, 10, days=9))
            Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CIRCULATED)
        Minutes.objects.filter(pk=minutes.pk).update(**dates)

    def follow_up(self, point: ActionPoint, day: dt.date, changes: list) -> tuple[str, str]:
        """The owner reports on a carried action point; its plan may move it on."""
        entry = self.points[point.pk]
        entry[2] += 1
        if new := entry[1].get(entry[2]):
            changes.append((point, new))
        status = new or point.status
        discussion, decision = FOLLOW_UP_TEXT[status]
        if status == "open" and point.due_date < day:
            decision = f"Overdue since {point.due_date.day} {point.due_date:%B %Y}; carried on."
        return discussion.format(org=point.owner_organization.acronym), decision


@transaction.atomic
def build_demo_meetings(stats: Counter) -> None:
    """Add the year of meetings. A group whose first meeting exists is left alone, so
    a second run writes nothing (and adds no history rows)."""
    todo = []
    for swg in SWG.objects.filter(slug__in={row[0] for row in MEETINGS}).order_by("number"):
        rows = sorted((row for row in MEETINGS if row[0] == swg.slug), key=lambda row: row[1])
        first = _at(_day(rows[0][1]), 10, rows[0][2])
        if not Meeting.objects.filter(swg=swg, starts_at=first).exists():
            todo.append((swg, rows))
    if todo:
        builder = _Builder(stats)
        for swg, rows in todo:
            builder.build_swg(swg, rows)
