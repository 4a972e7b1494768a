"""The seed question bank for DG-EJJM-026, written for this unit in Thai with English, and its default exam.

Tags: criterion codes as printed in the standard; K1–K9 are the required knowledge of section 13(b) in
printed order (enterprise architecture, digital standards, organisation design, service design and ITIL,
AI and big data, mobile and social media, design thinking, strategic management, communication
management); R1 is the range statement (G2G, G2C, G2B data exchange).
"""
from decimal import Decimal

from .content import BankEntry, ChoiceContent, ItemContent, RubricLevelContent
from .models import DefinitionRule, Item, ItemType

Text = tuple[str, str]

DEFAULT_DEFINITION = {
    "code": "dg-ejjm-026-written",
    "title_th": "สอบข้อเขียน หน่วยสมรรถนะ DG-EJJM-026 ออกแบบองค์กรดิจิทัล",
    "title_en": "Written examination, DG-EJJM-026 Design a Digital Organization",
    "instructions_th": (
        "ข้อสอบมี 30 ข้อ ประกอบด้วยข้อสอบปรนัยและข้อสอบอัตนัย 1 ข้อ คำตอบบันทึกอัตโนมัติทุกครั้งที่เปลี่ยน "
        "หากการเชื่อมต่อขาดหาย ให้เปิดหน้าข้อสอบอีกครั้ง เวลาที่เหลือนับตามนาฬิกาของเซิร์ฟเวอร์"
    ),
    "instructions_en": (
        "The exam has 30 items: objective items and one essay. Every answer is saved as it changes. If the "
        "connection drops, open the exam page again; the time left is counted by the server's clock."
    ),
    "item_count": 30,
    "time_limit_minutes": 60,
    "pass_mark_percent": Decimal("60"),
    "attempts_allowed": 2,
    "shuffle_items": True,
    "shuffle_choices": True,
}
KNOWLEDGE_AREA_KEYS = ("K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8", "K9", "R1")
CRITERION_CODES = (
    "DL201.01", "DL201.02", "DL201.03", "DL201.04", "DL202.01", "DL202.02", "DL202.03",
    "DL203.01", "DL203.02", "DL203.03",
)
# Every form: two objective items per knowledge area, one per criterion, and one essay.
DEFAULT_RULES = (
    [{"knowledge_key": key, "kind": DefinitionRule.Kind.OBJECTIVE, "count": 2} for key in KNOWLEDGE_AREA_KEYS]
    + [{"criterion_code": code, "kind": DefinitionRule.Kind.OBJECTIVE, "count": 1} for code in CRITERION_CODES]
    + [{"kind": DefinitionRule.Kind.ESSAY, "count": 1}]
)


def _entry(code: str, difficulty: str, criteria: str, areas: str, content: dict) -> BankEntry:
    return BankEntry(
        where=code, code=code, status=Item.Status.APPROVED, difficulty=difficulty,
        content=ItemContent(criterion_codes=tuple(criteria.split()), knowledge_keys=tuple(areas.split()), **content),
    )


def _choices(item_type: str, stem: Text, choices: list[Text], correct: set[int]) -> dict:
    return {
        "item_type": item_type, "stem_th": stem[0], "stem_en": stem[1],
        "choices": tuple(ChoiceContent(th, en, n in correct) for n, (th, en) in enumerate(choices)),
    }


def single(code, difficulty, criteria, areas, stem: Text, choices: list[Text], correct: int) -> BankEntry:
    return _entry(code, difficulty, criteria, areas, _choices(ItemType.SINGLE_CHOICE, stem, choices, {correct}))


def multiple(code, difficulty, criteria, areas, stem: Text, choices: list[Text], correct: set[int]) -> BankEntry:
    return _entry(code, difficulty, criteria, areas, _choices(ItemType.MULTIPLE_CHOICE, stem, choices, correct))


def true_false(code, difficulty, criteria, areas, stem: Text, answer: bool) -> BankEntry:
    return _entry(code, difficulty, criteria, areas, {
        "item_type": ItemType.TRUE_FALSE, "stem_th": stem[0], "stem_en": stem[1], "answer_true": answer})


def short(code, difficulty, criteria, areas, stem: Text, accepted: list[str]) -> BankEntry:
    return _entry(code, difficulty, criteria, areas, {
        "item_type": ItemType.SHORT_ANSWER, "stem_th": stem[0], "stem_en": stem[1],
        "accepted_answers": tuple(accepted)})


# The same four-level scale for every essay; what each level looks for is in the question itself.
ESSAY_RUBRIC = (
    RubricLevelContent(Decimal("0"), "ไม่ตอบ หรือคำตอบไม่เกี่ยวข้องกับคำถาม",
                       "No answer, or an answer unrelated to the question."),
    RubricLevelContent(Decimal("1"), "ตอบได้บางส่วน ขาดประเด็นสำคัญ และไม่เชื่อมโยงกับนโยบายหรือบริบทของหน่วยงาน",
                       "Partly answered; key points missing and not linked to policy or the agency's context."),
    RubricLevelContent(Decimal("2"), "ตอบได้เกือบครบทุกส่วนที่ถาม แต่เหตุผลหรือตัวอย่างยังไม่ชัดเจน",
                       "Most parts answered, but the reasoning or examples are unclear."),
    RubricLevelContent(Decimal("3"), "ตอบครบทุกส่วน มีเหตุผลสนับสนุน แต่ความเชื่อมโยงระหว่างประเด็นยังไม่สมบูรณ์",
                       "Every part answered with reasons, but the links between the points are incomplete."),
    RubricLevelContent(Decimal("4"), "ตอบครบถ้วน เชื่อมโยงทุกประเด็นกับนโยบายและยุทธศาสตร์อย่างชัดเจน "
                                     "พร้อมตัวอย่างที่นำไปใช้ได้จริง",
                       "Complete; every point clearly linked to policy and strategy, with practical examples."),
)


def essay(code, difficulty, criteria, areas, stem: Text) -> BankEntry:
    return _entry(code, difficulty, criteria, areas, {
        "item_type": ItemType.ESSAY, "stem_th": stem[0], "stem_en": stem[1], "points": Decimal("4"),
        "rubric": ESSAY_RUBRIC})


SEED_ITEMS: list[BankEntry] = [
    # --- K1 Enterprise architecture ---------------------------------------------------------------------------
    single("EA-01", Item.Difficulty.EASY, "DL203.01", "K1", (
        "กรอบสถาปัตยกรรมองค์กรใดแบ่งสถาปัตยกรรมออกเป็นด้านธุรกิจ ข้อมูล แอปพลิเคชัน และเทคโนโลยี "
        "และพัฒนาสถาปัตยกรรมตามวงจร ADM (Architecture Development Method)",
        "Which enterprise-architecture framework divides architecture into business, data, application and "
        "technology, and develops it through the ADM (Architecture Development Method) cycle?"),
        [("ITIL 4", "ITIL 4"), ("TOGAF", "TOGAF"), ("COBIT 2019", "COBIT 2019"), ("Scrum", "Scrum")], 1),
    single("EA-02", Item.Difficulty.MEDIUM, "DL201.04", "K1", (
        "ในงานสถาปัตยกรรมองค์กร การเปรียบเทียบสถาปัตยกรรมปัจจุบัน (As-Is) กับสถาปัตยกรรมเป้าหมาย (To-Be) "
        "มีวัตถุประสงค์หลักเพื่ออะไร",
        "In enterprise architecture, what is the main purpose of comparing the current (As-Is) architecture "
        "with the target (To-Be) architecture?"),
        [("เพื่อประเมินผลการปฏิบัติงานรายบุคคลของเจ้าหน้าที่", "To appraise each officer's individual performance"),
         ("เพื่อเลือกผู้ขายระบบที่เสนอราคาต่ำที่สุด", "To choose the vendor with the lowest price"),
         ("เพื่อระบุช่องว่างและจัดทำแผนที่นำทาง (Roadmap) สำหรับการเปลี่ยนผ่าน",
          "To identify the gaps and draw up a roadmap for the transition"),
         ("เพื่อยกเลิกกระบวนงานเดิมทั้งหมดในคราวเดียว", "To abolish every existing process at once")], 2),
    multiple("EA-03", Item.Difficulty.MEDIUM, "DL203.01", "K1", (
        "ข้อใดเป็นโดเมนของสถาปัตยกรรมองค์กรตามกรอบ TOGAF (เลือกได้มากกว่าหนึ่งข้อ)",
        "Which of these are architecture domains in the TOGAF framework? (Choose all that apply.)"),
        [("สถาปัตยกรรมธุรกิจ (Business Architecture)", "Business architecture"),
         ("สถาปัตยกรรมการตลาด (Marketing Architecture)", "Marketing architecture"),
         ("สถาปัตยกรรมข้อมูล (Data Architecture)", "Data architecture"),
         ("สถาปัตยกรรมการจัดซื้อ (Procurement Architecture)", "Procurement architecture"),
         ("สถาปัตยกรรมเทคโนโลยี (Technology Architecture)", "Technology architecture")], {0, 2, 4}),
    short("EA-04", Item.Difficulty.MEDIUM, "DL201.04", "K1", (
        "สถาปัตยกรรมที่อธิบายสภาพปัจจุบันขององค์กรก่อนการเปลี่ยนแปลง นิยมเรียกด้วยคำภาษาอังกฤษสั้น ๆ ว่าอะไร",
        "What short English term is commonly used for the architecture that describes an organisation's "
        "current state, before the change?"),
        ["As-Is", "Baseline", "Baseline architecture", "Current state", "สถาปัตยกรรมปัจจุบัน", "สภาพปัจจุบัน"]),
    true_false("EA-05", Item.Difficulty.EASY, "DL201.01", "K1", (
        "สถาปัตยกรรมองค์กร (Enterprise Architecture) ครอบคลุมเฉพาะระบบเทคโนโลยีสารสนเทศ "
        "โดยไม่เกี่ยวข้องกับกระบวนงานทางธุรกิจขององค์กร",
        "Enterprise architecture covers only information-technology systems and has nothing to do with the "
        "organisation's business processes."), False),

    # --- K2 Digital-technology standards --------------------------------------------------------------------
    single("DS-01", Item.Difficulty.EASY, "DL202.03", "K2", (
        "มาตรฐานสากลใดกำหนดข้อกำหนดของระบบบริหารจัดการความมั่นคงปลอดภัยสารสนเทศ (ISMS)",
        "Which international standard sets out the requirements for an information security management "
        "system (ISMS)?"),
        [("ISO 9001", "ISO 9001"), ("ISO 14001", "ISO 14001"), ("ISO/IEC 20000-1", "ISO/IEC 20000-1"),
         ("ISO/IEC 27001", "ISO/IEC 27001")], 3),
    single("DS-02", Item.Difficulty.EASY, "DL201.03", "K2", (
        "หน่วยงานต้องการเปิดเผยสถิติการให้บริการเป็นข้อมูลเปิด (Open Data) ให้ผู้อื่นนำไปประมวลผลต่อได้ง่ายที่สุด "
        "ควรเผยแพร่ในรูปแบบใด",
        "An agency wants to publish its service statistics as open data that others can process as easily as "
        "possible. In which form should it publish them?"),
        [("ไฟล์ PDF ที่สแกนจากเอกสารกระดาษ", "A PDF scanned from paper"),
         ("รูปภาพ JPG ของตาราง", "A JPG picture of the table"),
         ("ไฟล์ CSV พร้อมคำอธิบายชุดข้อมูล (Metadata)", "A CSV file with metadata describing the dataset"),
         ("ไฟล์นำเสนอ PowerPoint", "A PowerPoint presentation")], 2),
    single("DS-03", Item.Difficulty.MEDIUM, "DL203.03", "K2", (
        "กรอบแนวทางที่ช่วยให้ระบบของหน่วยงานภาครัฐไทยเชื่อมโยงและแลกเปลี่ยนข้อมูลกันได้ "
        "(Interoperability) เรียกว่าอะไร",
        "What is the framework that helps Thai government agencies' systems link up and exchange data "
        "(interoperability) called?"),
        [("TH e-GIF (Thailand e-Government Interoperability Framework)",
          "TH e-GIF (Thailand e-Government Interoperability Framework)"),
         ("PDPA", "PDPA"), ("ITIL", "ITIL"), ("OKR", "OKR")], 0),
    true_false("DS-04", Item.Difficulty.EASY, "DL201.03", "K2", (
        "เมื่อหน่วยงานของรัฐแลกเปลี่ยนข้อมูลส่วนบุคคลกับหน่วยงานอื่น ไม่จำเป็นต้องคำนึงถึงพระราชบัญญัติ"
        "คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 เพราะเป็นการใช้งานภายในภาครัฐ",
        "When a government agency exchanges personal data with another agency it need not consider the "
        "Personal Data Protection Act B.E. 2562 (2019), because the use stays inside government."), False),
    single("DS-05", Item.Difficulty.EASY, "DL202.03", "K2", (
        "แนวปฏิบัติสากลใดใช้เป็นเกณฑ์ให้เว็บไซต์ภาครัฐเข้าถึงและใช้งานได้โดยผู้พิการ",
        "Which international guidelines are used as the criteria for making government websites accessible "
        "to people with disabilities?"),
        [("HTTP/2", "HTTP/2"),
         ("WCAG (Web Content Accessibility Guidelines)", "WCAG (Web Content Accessibility Guidelines)"),
         ("JSON Schema", "JSON Schema"), ("BPMN", "BPMN")], 1),
    multiple("DS-06", Item.Difficulty.MEDIUM, "DL201.03", "K2", (
        "ข้อใดเป็นองค์ประกอบของธรรมาภิบาลข้อมูลภาครัฐ (Data Governance) (เลือกได้มากกว่าหนึ่งข้อ)",
        "Which of these are part of data governance in government? (Choose all that apply.)"),
        [("กำหนดบทบาทผู้รับผิดชอบข้อมูล เช่น เจ้าของข้อมูล (Data Owner)",
          "Assigning responsibility for data, such as data owners"),
         ("ให้แต่ละกองเก็บข้อมูลตามรูปแบบของตนเองโดยไม่มีมาตรฐานกลาง",
          "Letting each division keep data in its own way, with no common standard"),
         ("จัดทำบัญชีข้อมูล (Data Catalog) และคำอธิบายข้อมูล (Metadata)", "Keeping a data catalogue and metadata"),
         ("ควบคุมคุณภาพและความมั่นคงปลอดภัยของข้อมูล", "Controlling data quality and security"),
         ("ลบข้อมูลเก่าทั้งหมดทุกปีเพื่อประหยัดพื้นที่จัดเก็บ",
          "Deleting all old data every year to save storage")], {0, 2, 3}),

    # --- K3 Organisation design and implementation ----------------------------------------------------------
    single("OD-01", Item.Difficulty.MEDIUM, "DL202.01", "K3", (
        "แบบจำลองดาว (Star Model) ของ Jay Galbraith "
        "ใช้ออกแบบองค์กรด้วยองค์ประกอบ 5 ด้าน ข้อใดไม่ใช่องค์ประกอบของแบบจำลองนี้",
        "Jay Galbraith's Star Model designs an organisation through five elements. Which of these is NOT one of them?"),
        [("กลยุทธ์ (Strategy)", "Strategy"), ("โครงสร้าง (Structure)", "Structure"),
         ("ระบบรางวัลและค่าตอบแทน (Rewards)", "Rewards"), ("งบประมาณแผ่นดิน (National Budget)", "The national budget"),
         ("กระบวนการ (Processes)", "Processes")], 3),
    multiple("OD-02", Item.Difficulty.HARD, "DL202.01", "K3", (
        "ในกรอบ McKinsey 7S ข้อใดจัดเป็นองค์ประกอบ \"Hard\" ที่ผู้บริหารกำหนดได้โดยตรง (เลือกได้มากกว่าหนึ่งข้อ)",
        "In the McKinsey 7S framework, which are the \"hard\" elements that managers can set directly? "
        "(Choose all that apply.)"),
        [("กลยุทธ์ (Strategy)", "Strategy"), ("ค่านิยมร่วม (Shared Values)", "Shared values"),
         ("โครงสร้าง (Structure)", "Structure"), ("รูปแบบการบริหาร (Style)", "Style"),
         ("ระบบ (Systems)", "Systems")], {0, 2, 4}),
    single("OD-03", Item.Difficulty.EASY, "DL202.01", "K3 K9", (
        "ตามแนวคิดการนำการเปลี่ยนแปลง 8 ขั้นตอนของ John Kotter ขั้นตอนแรกคืออะไร",
        "In John Kotter's eight steps for leading change, what is the first step?"),
        [("เฉลิมฉลองความสำเร็จระยะสั้น", "Generate short-term wins"),
         ("ฝังการเปลี่ยนแปลงไว้ในวัฒนธรรมองค์กร", "Anchor the change in the culture"),
         ("สร้างความรู้สึกถึงความเร่งด่วน (Sense of Urgency)", "Create a sense of urgency"),
         ("จัดซื้อระบบสารสนเทศใหม่", "Buy a new information system")], 2),
    single("OD-04", Item.Difficulty.MEDIUM, "DL202.01", "K3", (
        "กรมแห่งหนึ่งต้องการพัฒนาบริการขออนุญาตออนไลน์ให้ส่งมอบได้เร็วและปรับปรุงได้ต่อเนื่อง "
        "รูปแบบการจัดโครงสร้างการทำงานใดเหมาะสมที่สุด",
        "A department wants to deliver an online permit service quickly and keep improving it. Which way of "
        "organising the work suits this best?"),
        [("ให้แต่ละกองทำงานตามลำดับ และส่งต่องานเป็นทอด ๆ ผ่านหนังสือราชการ",
          "Each division works in turn, handing the work on by official letter"),
         ("ตั้งทีมข้ามสายงาน (Cross-functional Team) ที่มีเจ้าของบริการ นักวิเคราะห์ นักพัฒนา "
          "และผู้แทนผู้ใช้บริการ ทำงานร่วมกันต่อเนื่อง",
          "A cross-functional team of the service owner, analysts, "
          "developers and user representatives working together continuously"),
         ("มอบให้ผู้รับจ้างภายนอกดำเนินการทั้งหมดโดยหน่วยงานไม่ต้องมีส่วนร่วม",
          "Hand everything to a contractor with no involvement from the agency"),
         ("รอให้ทุกกองปรับปรุงระบบของตนเองให้เสร็จก่อนจึงเริ่ม",
          "Wait until every division has upgraded its own systems")], 1),
    true_false("OD-05", Item.Difficulty.EASY, "DL202.01", "K3", (
        "การปรับโครงสร้างสู่องค์กรดิจิทัลควรเริ่มจากการจัดซื้อเทคโนโลยีก่อน แล้วจึงปรับกระบวนงานและบทบาทของบุคลากร"
        "ให้เข้ากับระบบในภายหลัง",
        "Restructuring into a digital organisation should start by buying technology, and only afterwards "
        "fit the processes and staff roles to the system."), False),

    # --- K4 Service design and ITIL / ITSM ------------------------------------------------------------------
    single("SD-01", Item.Difficulty.MEDIUM, "DL201.01", "K4", (
        "ตามแนวปฏิบัติ ITIL กระบวนการใดมีเป้าหมายหลักเพื่อ "
        "\"คืนสภาพการให้บริการตามปกติให้เร็วที่สุด\" เมื่อบริการหยุดชะงัก",
        "In ITIL practice, which process aims first of all to \"restore normal service as quickly as possible\" "
        "when a service is disrupted?"),
        [("การบริหารจัดการปัญหา (Problem Management)", "Problem management"),
         ("การบริหารจัดการการเปลี่ยนแปลง (Change Enablement)", "Change enablement"),
         ("การบริหารจัดการเหตุขัดข้อง (Incident Management)", "Incident management"),
         ("การบริหารระดับการให้บริการ (Service Level Management)", "Service level management")], 2),
    single("SD-02", Item.Difficulty.EASY, "DL202.03", "K4", (
        "เอกสารที่ระบุระดับการให้บริการซึ่งผู้ให้บริการและผู้ใช้บริการตกลงร่วมกัน "
        "เช่น เวลาให้บริการและเวลาตอบสนอง เรียกว่าอะไร",
        "What is the document called in which a provider and its users agree the level of service, such as "
        "service hours and response times?"),
        [("ข้อตกลงระดับการให้บริการ (SLA)", "Service level agreement (SLA)"),
         ("ตัวชี้วัดผลสำเร็จ (KPI)", "Key performance indicator (KPI)"),
         ("ใบสั่งซื้อ (Purchase Order)", "Purchase order"),
         ("แผนความต่อเนื่องทางธุรกิจ (BCP)", "Business continuity plan (BCP)")], 0),
    single("SD-03", Item.Difficulty.MEDIUM, "DL201.01", "K4 K7", (
        "เครื่องมือออกแบบบริการใดแสดงทั้งสิ่งที่ผู้ใช้บริการเห็น (Front Stage) และกระบวนการเบื้องหลัง (Back Stage) "
        "โดยมีเส้นแบ่งการมองเห็น (Line of Visibility)",
        "Which service-design tool shows both what users see (front stage) and the processes behind it "
        "(back stage), divided by a line of visibility?"),
        [("แผนภูมิแกนต์ (Gantt Chart)", "Gantt chart"), ("แผนภูมิองค์กร (Organisation Chart)", "Organisation chart"),
         ("การวิเคราะห์ SWOT", "SWOT analysis"), ("พิมพ์เขียวบริการ (Service Blueprint)", "Service blueprint")], 3),
    multiple("SD-04", Item.Difficulty.HARD, "DL202.03", "K4", (
        "ข้อใดเป็นกิจกรรมในห่วงโซ่คุณค่าบริการ (Service Value Chain) ตาม ITIL 4 (เลือกได้มากกว่าหนึ่งข้อ)",
        "Which of these are activities of the ITIL 4 service value chain? (Choose all that apply.)"),
        [("วางแผน (Plan)", "Plan"), ("ตรวจเงินแผ่นดิน (Audit)", "Audit"), ("ปรับปรุง (Improve)", "Improve"),
         ("ส่งมอบและสนับสนุน (Deliver and Support)", "Deliver and support"), ("โฆษณา (Advertise)", "Advertise")],
        {0, 2, 3}),
    true_false("SD-05", Item.Difficulty.EASY, "DL201.01", "K4", (
        "การออกแบบบริการที่ดีควรเริ่มจากความต้องการและประสบการณ์ของผู้ใช้บริการ ไม่ใช่เริ่มจากโครงสร้างหน่วยงานภายใน",
        "Good service design starts from users' needs and experience, not from the agency's internal structure."),
        True),

    # --- K5 New technology: AI and big-data analytics ---------------------------------------------------------
    multiple("AI-01", Item.Difficulty.EASY, "DL201.03", "K5", (
        "ข้อใดเป็นคุณลักษณะของข้อมูลขนาดใหญ่ (Big Data) ตามแนวคิด 3V (เลือกได้มากกว่าหนึ่งข้อ)",
        "Which of these are characteristics of big data in the \"3 Vs\"? (Choose all that apply.)"),
        [("ปริมาณมาก (Volume)", "Volume"), ("ผู้ขาย (Vendor)", "Vendor"), ("ความเร็ว (Velocity)", "Velocity"),
         ("ความหลากหลาย (Variety)", "Variety"), ("รุ่นซอฟต์แวร์ (Version)", "Version")], {0, 2, 3}),
    single("AI-02", Item.Difficulty.MEDIUM, "DL202.03", "K5", (
        "หน่วยงานต้องการให้ระบบจัดประเภทคำร้องเรียนใหม่โดยอัตโนมัติ โดยสอนจากคำร้องเดิมที่ระบุประเภทไว้แล้ว "
        "นี่คือการเรียนรู้ของเครื่องแบบใด",
        "An agency wants a system to sort new complaints automatically, trained on past complaints already "
        "labelled with their type. What kind of machine learning is this?"),
        [("การเรียนรู้แบบมีผู้สอน (Supervised Learning)", "Supervised learning"),
         ("การเรียนรู้แบบไม่มีผู้สอน (Unsupervised Learning)", "Unsupervised learning"),
         ("การเรียนรู้แบบเสริมกำลัง (Reinforcement Learning)", "Reinforcement learning"),
         ("การเข้ารหัสข้อมูล (Encryption)", "Encryption")], 0),
    single("AI-03", Item.Difficulty.MEDIUM, "DL203.03", "K5", (
        "การวิเคราะห์ข้อมูลประเภทใดตอบคำถามว่า \"จะเกิดอะไรขึ้น\" เช่น คาดการณ์จำนวนผู้มาใช้บริการในเดือนหน้า",
        "Which kind of analytics answers \"what will happen?\", for example forecasting next month's number "
        "of service users?"),
        [("การวิเคราะห์เชิงพรรณนา (Descriptive Analytics)", "Descriptive analytics"),
         ("การวิเคราะห์เชิงวินิจฉัย (Diagnostic Analytics)", "Diagnostic analytics"),
         ("การวิเคราะห์เชิงพยากรณ์ (Predictive Analytics)", "Predictive analytics"),
         ("การวิเคราะห์เชิงให้คำแนะนำ (Prescriptive Analytics)", "Prescriptive analytics")], 2),
    true_false("AI-04", Item.Difficulty.MEDIUM, "DL202.03", "K5", (
        "ระบบปัญญาประดิษฐ์ที่เรียนรู้จากข้อมูลในอดีตอาจสืบทอดอคติ (Bias) ที่มีอยู่ในข้อมูลนั้น "
        "จึงควรตรวจสอบความเป็นธรรมและความโปร่งใสของผลลัพธ์",
        "An AI system that learns from past data may inherit the bias in that data, so the fairness and "
        "transparency of its results should be checked."), True),
    short("AI-05", Item.Difficulty.EASY, "DL201.03", "K5", (
        "ข้อมูลที่มีปริมาณมาก เกิดขึ้นอย่างรวดเร็ว และมีหลากหลายรูปแบบ เรียกว่าอะไร (ตอบภาษาไทยหรือภาษาอังกฤษ)",
        "What is data of great volume, produced at speed and in many forms, called? (Answer in Thai or English.)"),
        ["Big Data", "บิ๊กดาต้า", "บิกดาตา", "ข้อมูลขนาดใหญ่", "ข้อมูลขนาดใหญ่มาก"]),

    # --- K6 Users' technology: mobile applications and social media ------------------------------------------
    single("MS-01", Item.Difficulty.EASY, "DL203.02", "K6", (
        "ข้อมูลแสดงว่าผู้ใช้บริการส่วนใหญ่เข้าถึงบริการของหน่วยงานผ่านสมาร์ตโฟน หลักการออกแบบใดเหมาะสมที่สุด",
        "Figures show that most users reach the agency's services on a smartphone. Which design principle "
        "fits best?"),
        [("ออกแบบสำหรับคอมพิวเตอร์ตั้งโต๊ะก่อน แล้วค่อยย่อให้เล็กลง", "Design for desktop first and shrink it later"),
         ("ออกแบบโดยยึดอุปกรณ์พกพาเป็นหลัก (Mobile First) และรองรับทุกขนาดหน้าจอ (Responsive)",
          "Design mobile first and make it responsive to every screen size"),
         ("ให้บริการเฉพาะที่สำนักงานเพื่อความปลอดภัย", "Serve only at the office, for security"),
         ("ให้ผู้ใช้ดาวน์โหลดแบบฟอร์มไปพิมพ์และนำมายื่นเอง",
          "Have users download a form, print it and bring it in")], 1),
    single("MS-02", Item.Difficulty.EASY, "DL203.02", "K6 K9", (
        "การติดตามและวิเคราะห์ความคิดเห็นของประชาชนที่มีต่อบริการของหน่วยงานบนสื่อสังคมออนไลน์ เรียกว่าอะไร",
        "What is following and analysing what people say about the agency's services on social media called?"),
        [("การปรับแต่งเว็บไซต์ให้ติดอันดับการค้นหา (SEO)", "Search engine optimisation (SEO)"),
         ("การย้ายระบบขึ้นคลาวด์ (Cloud Migration)", "Cloud migration"),
         ("การรวมศูนย์ข้อมูล (Data Center Consolidation)", "Data-centre consolidation"),
         ("การรับฟังเสียงบนสื่อสังคม (Social Listening)", "Social listening")], 3),
    multiple("MS-03", Item.Difficulty.MEDIUM, "DL203.02", "K6 K4", (
        "หน่วยงานต้องการให้ประชาชนติดต่อได้หลายช่องทางอย่างไร้รอยต่อ (Omni-channel) ข้อใดเป็นแนวทางที่ถูกต้อง "
        "(เลือกได้มากกว่าหนึ่งข้อ)",
        "An agency wants people to reach it through many channels seamlessly (omni-channel). Which of these "
        "are right? (Choose all that apply.)"),
        [("ข้อมูลคำร้องเชื่อมโยงกันทุกช่องทาง ผู้ใช้เริ่มในแอปแล้วไปทำต่อที่เคาน์เตอร์ได้",
          "Requests are linked across channels: a user can start in the app and finish at the counter"),
         ("แต่ละช่องทางเก็บข้อมูลแยกกัน ผู้ใช้ต้องกรอกข้อมูลใหม่ทุกครั้ง",
          "Each channel keeps its own data and users re-enter everything each time"),
         ("ทุกช่องทางใช้มาตรฐานคำตอบและระดับการให้บริการเดียวกัน",
          "Every channel gives the same answers and service levels"),
         ("ปิดช่องทางเดิมทั้งหมดทันทีเมื่อเปิดแอปพลิเคชัน",
          "Close every old channel as soon as the app opens")], {0, 2}),
    true_false("MS-04", Item.Difficulty.EASY, "DL203.02", "K6", (
        "หน่วยงานของรัฐที่ใช้สื่อสังคมออนไลน์ควรมีแนวปฏิบัติ (Social Media Policy) ที่กำหนดผู้รับผิดชอบ "
        "วิธีการตอบกลับ และการคุ้มครองข้อมูลส่วนบุคคล",
        "A government agency that uses social media should have a social-media policy naming who is "
        "responsible, how to respond, and how personal data is protected."), True),
    single("MS-05", Item.Difficulty.MEDIUM, "DL202.03", "K6", (
        "แอปพลิเคชันใดของกรมการปกครองใช้ยืนยันตัวตนทางดิจิทัลเพื่อเข้าใช้บริการภาครัฐออนไลน์",
        "Which application of the Department of Provincial Administration is used to prove one's digital "
        "identity when using government services online?"),
        [("เป๋าตัง", "Pao Tang"), ("Google Maps", "Google Maps"), ("ThaID (ไทยดี)", "ThaID"),
         ("หมอพร้อม", "Mor Prom")], 2),

    # --- K7 Design thinking -------------------------------------------------------------------------------------
    single("DT-01", Item.Difficulty.EASY, "DL201.01", "K7", (
        "กระบวนการคิดเชิงออกแบบ (Design Thinking) ตามแนวทางของ d.school มหาวิทยาลัยสแตนฟอร์ด เริ่มต้นด้วยขั้นตอนใด",
        "With which stage does design thinking, as taught by the Stanford d.school, begin?"),
        [("สร้างต้นแบบ (Prototype)", "Prototype"), ("ทดสอบ (Test)", "Test"),
         ("เข้าใจผู้ใช้อย่างลึกซึ้ง (Empathize)", "Empathise"), ("ระดมความคิด (Ideate)", "Ideate")], 2),
    short("DT-02", Item.Difficulty.MEDIUM, "DL201.01", "K7", (
        "ขั้นตอนใดของ Design Thinking ที่สร้างแบบจำลองอย่างง่ายและรวดเร็วเพื่อนำไปทดสอบกับผู้ใช้ "
        "(ตอบชื่อขั้นตอนภาษาไทยหรือภาษาอังกฤษ)",
        "Which stage of design thinking builds a quick, simple model to try out with users? (Name the stage in "
        "Thai or English.)"),
        ["Prototype", "Prototyping", "สร้างต้นแบบ", "การสร้างต้นแบบ", "ต้นแบบ"]),
    single("DT-03", Item.Difficulty.MEDIUM, "DL201.04", "K7", (
        "คำถาม \"เราจะ...ได้อย่างไร\" (How Might We) ใช้ปิดท้ายขั้นตอนใด "
        "เพื่อเปลี่ยนปัญหาที่นิยามแล้วให้เป็นโจทย์สำหรับระดมความคิด",
        "\"How might we…?\" questions close which stage, turning the defined problem into a brief for ideas?"),
        [("นิยามปัญหา (Define)", "Define"), ("ทดสอบ (Test)", "Test"), ("ส่งมอบระบบ (Deploy)", "Deploy"),
         ("จัดซื้อจัดจ้าง (Procure)", "Procure")], 0),
    true_false("DT-04", Item.Difficulty.EASY, "DL201.02", "K7", (
        "ในขั้นตอน Empathize ผู้ออกแบบควรสัมภาษณ์และสังเกตผู้ใช้บริการจริง "
        "แทนการคาดเดาความต้องการจากมุมมองของเจ้าหน้าที่เพียงอย่างเดียว",
        "In the empathise stage designers should interview and observe real users rather than guess their needs "
        "from the staff's point of view alone."), True),
    multiple("DT-05", Item.Difficulty.MEDIUM, "DL201.01", "K7", (
        "เครื่องมือใดช่วยทำความเข้าใจผู้ใช้บริการในขั้นตอน Empathize (เลือกได้มากกว่าหนึ่งข้อ)",
        "Which tools help to understand users in the empathise stage? (Choose all that apply.)"),
        [("แผนที่ความรู้สึก (Empathy Map)", "Empathy map"), ("แผนภูมิแกนต์ (Gantt Chart)", "Gantt chart"),
         ("ตัวแทนผู้ใช้สมมุติ (Persona)", "Persona"), ("งบกระแสเงินสด", "Cash-flow statement"),
         ("แผนที่การเดินทางของผู้ใช้บริการ (Customer Journey Map)", "Customer journey map")], {0, 2, 4}),

    # --- K8 Strategic management ---------------------------------------------------------------------------------
    single("SM-01", Item.Difficulty.EASY, "DL201.01", "K8", (
        "Balanced Scorecard ประเมินผลองค์กรใน 4 มุมมอง ข้อใดไม่ใช่หนึ่งในสี่มุมมองนั้น",
        "The Balanced Scorecard measures an organisation from four perspectives. Which of these is NOT one of them?"),
        [("การเงิน (Financial)", "Financial"), ("ลูกค้าหรือผู้รับบริการ (Customer)", "Customer"),
         ("กระบวนการภายใน (Internal Process)", "Internal process"),
         ("การเรียนรู้และการเติบโต (Learning and Growth)", "Learning and growth"),
         ("ภูมิรัฐศาสตร์ (Geopolitics)", "Geopolitics")], 4),
    single("SM-02", Item.Difficulty.MEDIUM, "DL201.04", "K8", (
        "การนำจุดแข็งภายในองค์กรมาใช้ประโยชน์จากโอกาสภายนอก จัดเป็นกลยุทธ์ประเภทใดใน TOWS Matrix",
        "Using internal strengths to take advantage of external opportunities is which kind of strategy in the "
        "TOWS matrix?"),
        [("กลยุทธ์ WT (เชิงตั้งรับ)", "WT (defensive)"), ("กลยุทธ์ SO (เชิงรุก)", "SO (aggressive)"),
         ("กลยุทธ์ WO (เชิงแก้ไข)", "WO (turnaround)"), ("กลยุทธ์ ST (เชิงป้องกัน)", "ST (diversification)")], 1),
    single("SM-03", Item.Difficulty.EASY, "DL203.01 DL201.01", "K8", (
        "การกำหนดกระบวนงานหลักขององค์กรดิจิทัลควรยึดความสอดคล้องกับสิ่งใดเป็นสำคัญ",
        "Above all, what should the core processes of a digital organisation be aligned with?"),
        [("ความชอบส่วนตัวของผู้บริหารแต่ละคน", "Each executive's personal preference"),
         ("คู่มือผลิตภัณฑ์ของผู้ขายระบบ", "The vendor's product manual"),
         ("ยุทธศาสตร์ชาติ แผนพัฒนารัฐบาลดิจิทัล และแผนยุทธศาสตร์ของหน่วยงาน",
          "The national strategy, the digital-government development plan and the agency's strategic plan"),
         ("รายงานการประชุมของปีที่แล้วเพียงฉบับเดียว", "Last year's meeting minutes alone")], 2),
    short("SM-04", Item.Difficulty.EASY, "DL201.04", "K8", (
        "กรอบการตั้งเป้าหมายที่ประกอบด้วย \"วัตถุประสงค์\" และ \"ผลลัพธ์หลัก\" ที่วัดได้ เรียกโดยย่อว่าอะไร",
        "What is the goal-setting framework made of \"objectives\" and measurable \"key results\" called, "
        "in short?"),
        ["OKR", "OKRs", "Objectives and Key Results", "Objective and Key Results"]),
    true_false("SM-05", Item.Difficulty.MEDIUM, "DL203.01", "K8", (
        "ตัวชี้วัดร่วม (Joint KPIs) ระหว่างกระทรวงช่วยให้หน่วยงานที่ร่วมกันส่งมอบบริการแบบบูรณาการมีเป้าหมายเดียวกัน "
        "และรับผิดชอบผลลัพธ์ร่วมกัน",
        "Joint KPIs between ministries give the agencies that deliver an integrated service together one goal "
        "and a shared responsibility for the result."), True),

    # --- K9 Communication management ------------------------------------------------------------------------
    single("CM-01", Item.Difficulty.MEDIUM, "DL203.02", "K9", (
        "ตามตาราง Power/Interest Grid ผู้มีส่วนได้ส่วนเสียที่มีอำนาจสูงและสนใจสูง ควรบริหารจัดการอย่างไร",
        "On a power/interest grid, how should stakeholders with high power and high interest be managed?"),
        [("ติดตามอยู่ห่าง ๆ (Monitor)", "Monitor"), ("แจ้งข้อมูลเป็นระยะ (Keep Informed)", "Keep informed"),
         ("ทำงานใกล้ชิดและให้มีส่วนร่วมอย่างเต็มที่ (Manage Closely)", "Manage closely"),
         ("ดูแลให้พึงพอใจ (Keep Satisfied)", "Keep satisfied")], 2),
    multiple("CM-02", Item.Difficulty.EASY, "DL203.02", "K9", (
        "แผนการสื่อสารการเปลี่ยนแปลงสู่องค์กรดิจิทัลควรระบุสิ่งใด (เลือกได้มากกว่าหนึ่งข้อ)",
        "What should a communication plan for the change to a digital organisation state? (Choose all that apply.)"),
        [("กลุ่มเป้าหมายและสาระสำคัญที่ต้องการสื่อ", "The audiences and the key messages"),
         ("ช่องทางและความถี่ในการสื่อสาร", "The channels and how often"),
         ("รหัสผ่านของระบบสารสนเทศ", "The information systems' passwords"),
         ("ผู้รับผิดชอบและวิธีรับฟังความคิดเห็นกลับ", "Who is responsible and how feedback is heard")], {0, 1, 3}),
    single("CM-03", Item.Difficulty.MEDIUM, "DL203.02", "K9 K3", (
        "ตามแบบจำลอง ADKAR สิ่งแรกที่บุคลากรต้องมีต่อการเปลี่ยนแปลงคืออะไร",
        "In the ADKAR model, what must people have first about a change?"),
        [("ความสามารถ (Ability)", "Ability"), ("การตระหนักถึงความจำเป็น (Awareness)", "Awareness"),
         ("การเสริมแรง (Reinforcement)", "Reinforcement"), ("ความรู้ (Knowledge)", "Knowledge")], 1),
    true_false("CM-04", Item.Difficulty.EASY, "DL203.02", "K9", (
        "การสื่อสารทางเดียวด้วยหนังสือเวียนเพียงครั้งเดียวก็เพียงพอให้บุคลากรทุกระดับ"
        "เข้าใจและยอมรับการเปลี่ยนแปลงสู่องค์กรดิจิทัล",
        "A single one-way circular letter is enough for staff at every level to understand and accept the "
        "change to a digital organisation."), False),
    single("CM-05", Item.Difficulty.MEDIUM, "DL203.02", "K9", (
        "หน่วยงานต้องการให้การเปลี่ยนแปลงแพร่ไปถึงทุกกองและรับรู้ปัญหาหน้างานได้เร็ว วิธีใดเหมาะสมที่สุด",
        "An agency wants the change to reach every division and to hear about problems on the ground quickly. "
        "Which approach suits best?"),
        [("ให้ฝ่ายเทคโนโลยีสารสนเทศแจ้งเฉพาะผู้อำนวยการกอง", "Have IT inform the division directors only"),
         ("ปล่อยให้บุคลากรค้นพบระบบใหม่ด้วยตนเอง", "Let staff discover the new system for themselves"),
         ("ประกาศผ่านเว็บไซต์ภายนอกของหน่วยงานเท่านั้น", "Announce it on the public website only"),
         ("แต่งตั้งผู้นำการเปลี่ยนแปลง (Change Champions) ในทุกกองเพื่อถ่ายทอดและรับฟังปัญหา",
          "Appoint change champions in every division to pass the message on and listen to problems")], 3),

    # --- R1 Range statement: data exchange G2G, G2C, G2B ----------------------------------------------------
    single("GX-01", Item.Difficulty.EASY, "DL201.03", "R1", (
        "กรมการปกครองให้บริการข้อมูลทะเบียนราษฎรผ่านระบบเชื่อมโยงแก่หน่วยงานรัฐอื่นเพื่อตรวจสอบสิทธิ์ "
        "โดยประชาชนไม่ต้องแนบสำเนาบัตรประชาชน เป็นการแลกเปลี่ยนข้อมูลรูปแบบใด",
        "The Department of Provincial Administration lets other agencies check civil-registration data through a "
        "linked system, so people need not attach a copy of their ID card. What kind of exchange is this?"),
        [("G2C", "G2C"), ("G2B", "G2B"), ("G2G", "G2G"), ("B2C", "B2C")], 2),
    single("GX-02", Item.Difficulty.EASY, "DL201.03", "R1", (
        "บริการจดทะเบียนนิติบุคคลและยื่นงบการเงินออนไลน์สำหรับภาคธุรกิจ จัดเป็นรูปแบบใด",
        "An online service for businesses to register companies and file financial statements is which kind?"),
        [("G2C", "G2C"), ("G2B", "G2B"), ("G2G", "G2G"), ("C2C", "C2C")], 1),
    short("GX-03", Item.Difficulty.EASY, "DL201.03", "R1", (
        "บริการภาครัฐที่ส่งมอบให้ประชาชนโดยตรง เช่น การยื่นแบบภาษีเงินได้บุคคลธรรมดาออนไลน์ เรียกโดยย่อว่าอะไร",
        "What is a government service delivered directly to citizens, such as filing personal income tax online, "
        "called in short?"),
        ["G2C", "G to C", "Government to Citizen", "Government to Citizens", "รัฐกับประชาชน"]),
    multiple("GX-04", Item.Difficulty.MEDIUM, "DL201.03", "R1 K2", (
        "ข้อใดเป็นประโยชน์ของการเชื่อมโยงข้อมูลระหว่างหน่วยงาน (G2G) ตามหลัก \"ขอครั้งเดียว\" (Once-Only) "
        "(เลือกได้มากกว่าหนึ่งข้อ)",
        "Which of these are benefits of linking data between agencies (G2G) on the once-only principle? "
        "(Choose all that apply.)"),
        [("ประชาชนไม่ต้องยื่นเอกสารที่รัฐมีอยู่แล้วซ้ำ", "People need not hand in documents the state already holds"),
         ("หน่วยงานใช้ข้อมูลส่วนบุคคลได้ทุกวัตถุประสงค์โดยไม่ต้องมีฐานทางกฎหมาย",
          "Agencies may use personal data for any purpose with no legal basis"),
         ("ลดระยะเวลาและต้นทุนในการให้บริการ", "Less time and cost to deliver the service"),
         ("ข้อมูลของหน่วยงานต่าง ๆ ถูกต้องตรงกันมากขึ้น", "Agencies' data agree with each other more")], {0, 2, 3}),
    true_false("GX-05", Item.Difficulty.MEDIUM, "DL201.03 DL203.02", "R1", (
        "ในช่วง 2–5 ปีของการพัฒนาองค์กรดิจิทัลตามหน่วยสมรรถนะนี้ "
        "ควรเน้นการวิเคราะห์ข้อมูลเพื่อการแลกเปลี่ยนระหว่างหน่วยงาน "
        "(G2G, G2C, G2B) และการสื่อสารภายในและระหว่างหน่วยงาน",
        "In years 2–5 of developing a digital organisation under this unit, the focus should be on analysing data "
        "for exchange between agencies (G2G, G2C, G2B) and on communication within and between agencies."), True),

    # --- People: roles, workload, skills and personnel management (K3) ----------------------------------------
    single("PM-01", Item.Difficulty.EASY, "DL201.02", "K3", (
        "ในตาราง RACI ตัวอักษร \"A\" หมายถึงบุคคลใด",
        "In a RACI chart, who does the letter \"A\" stand for?"),
        [("ผู้ลงมือปฏิบัติงาน (Responsible)", "The person who does the work (Responsible)"),
         ("ผู้รับผิดชอบผลลัพธ์และอนุมัติขั้นสุดท้าย (Accountable)",
          "The person answerable for the result who signs it off (Accountable)"),
         ("ผู้ที่ต้องขอคำปรึกษา (Consulted)", "The person to consult (Consulted)"),
         ("ผู้ที่ต้องแจ้งให้ทราบ (Informed)", "The person to keep informed (Informed)")], 1),
    short("PM-02", Item.Difficulty.MEDIUM, "DL201.02", "K3", (
        "กระบวนงานหนึ่งต้องใช้เวลาทำงานรวม 6,000 ชั่วโมงต่อปี หากเจ้าหน้าที่หนึ่งคนมีเวลาทำงานจริง 1,500 ชั่วโมงต่อปี "
        "ต้องใช้อัตรากำลังกี่อัตรา (FTE) (ตอบเป็นตัวเลข)",
        "A process needs 6,000 working hours a year. If one officer has 1,500 productive hours a year, how many "
        "full-time equivalents (FTE) does it need? (Answer with a number.)"),
        ["4", "4 คน", "4 อัตรา", "4 FTE", "สี่", "four"]),
    single("PM-03", Item.Difficulty.MEDIUM, "DL202.02", "K3", (
        "เมื่อนำระบบอัตโนมัติมาแทนงานบันทึกข้อมูลด้วยมือ แนวทางบริหารบุคลากรใดเหมาะสมที่สุดกับองค์กรดิจิทัล",
        "When automation replaces manual data entry, which approach to people suits a digital organisation best?"),
        [("พัฒนาทักษะใหม่ (Reskill) และยกระดับทักษะ (Upskill) ให้บุคลากรไปทำงานวิเคราะห์และบริการที่มีคุณค่าสูงขึ้น",
          "Reskill and upskill staff to move them into higher-value analysis and service work"),
         ("ยุบตำแหน่งทันทีโดยไม่มีแผนรองรับ", "Abolish the posts at once with no plan for the people"),
         ("คงการบันทึกข้อมูลด้วยมือคู่ขนานไว้ตลอดไป", "Keep manual entry running in parallel for ever"),
         ("จ้างบุคคลภายนอกมาทำงานแทนบุคลากรเดิมทั้งหมด", "Outsource all the work and replace the existing staff")], 0),
    multiple("PM-04", Item.Difficulty.MEDIUM, "DL202.02", "K3 K8", (
        "ข้อใดเป็นการปรับรูปแบบการบริหารบุคลากรให้เหมาะกับองค์กรดิจิทัล (เลือกได้มากกว่าหนึ่งข้อ)",
        "Which of these adapt personnel management to a digital organisation? (Choose all that apply.)"),
        [("กำหนดสมรรถนะด้านดิจิทัลของแต่ละตำแหน่งและใช้วางแผนพัฒนาบุคลากร",
          "Setting the digital competencies of each post and planning development from them"),
         ("ประเมินผลงานจากจำนวนชั่วโมงที่อยู่ในสำนักงานเพียงอย่างเดียว",
          "Appraising only the hours spent in the office"),
         ("ประเมินผลงานจากผลลัพธ์ที่วัดได้ซึ่งเชื่อมโยงกับเป้าหมายองค์กร",
          "Appraising measurable results linked to the organisation's goals"),
         ("งดการฝึกอบรมทั้งหมดเพื่อลดงบประมาณ", "Stopping all training to cut the budget"),
         ("เปิดให้ทำงานแบบยืดหยุ่นด้วยเครื่องมือดิจิทัล ภายใต้ระเบียบที่เกี่ยวข้อง",
          "Allowing flexible work with digital tools, within the relevant regulations")], {0, 2, 4}),
    true_false("PM-05", Item.Difficulty.MEDIUM, "DL201.02", "K3", (
        "ควรกำหนดบทบาท ภาระงาน และทักษะของบุคลากรในกระบวนงานหลัก หลังจากออกแบบกระบวนงานเป้าหมาย (To-Be) แล้ว "
        "เพื่อให้บทบาทสอดคล้องกับวิธีทำงานใหม่",
        "Staff roles, workload and skills in the core processes should be defined after the target (To-Be) "
        "process is designed, so that the roles fit the new way of working."), True),

    # --- Equipment and tools (DL202.03, DL203.03) ------------------------------------------------------------
    single("TL-01", Item.Difficulty.EASY, "DL203.03 DL202.03", "K5", (
        "งานที่ทำซ้ำ ๆ ตามกฎเกณฑ์ที่ชัดเจน เช่น "
        "คัดลอกข้อมูลจากแบบฟอร์มอิเล็กทรอนิกส์ไปบันทึกในอีกระบบหนึ่ง เหมาะกับเครื่องมือใดมากที่สุด",
        "Repetitive, rule-based work such as copying data from an electronic form into another system suits "
        "which tool best?"),
        [("เครื่องพิมพ์สามมิติ (3D Printer)", "A 3D printer"),
         ("ความเป็นจริงเสมือน (Virtual Reality)", "Virtual reality"),
         ("การประชุมทางวิดีโอ (Video Conference)", "Video conferencing"),
         ("ระบบอัตโนมัติด้วยซอฟต์แวร์หุ่นยนต์ (RPA)", "Robotic process automation (RPA)")], 3),
    single("TL-02", Item.Difficulty.EASY, "DL202.03", "K2", (
        "หน่วยงานต้องการลดภาระการดูแลเครื่องแม่ข่ายของตนเอง และขยายทรัพยากรได้ตามความต้องการใช้งาน ควรพิจารณาใช้สิ่งใด",
        "An agency wants to stop looking after its own servers and to scale resources with demand. What should "
        "it consider?"),
        [("บริการคลาวด์กลางภาครัฐ (Government Cloud)", "The government's shared cloud service"),
         ("ซื้อเครื่องแม่ข่ายเพิ่มให้ทุกกอง", "Buying more servers for every division"),
         ("เก็บข้อมูลไว้ในแฟลชไดรฟ์ของเจ้าหน้าที่", "Keeping data on officers' flash drives"),
         ("ส่งไฟล์ระหว่างกันทางอีเมลส่วนตัว", "Sending files by personal email")], 0),
    true_false("TL-03", Item.Difficulty.EASY, "DL203.03", "K2", (
        "ระบบสารบรรณอิเล็กทรอนิกส์ช่วยลดการใช้กระดาษและติดตามสถานะหนังสือราชการได้ "
        "จึงเป็นเครื่องมือสนับสนุนการเป็นองค์กรดิจิทัล",
        "An electronic correspondence (e-Saraban) system cuts paper and lets official letters be tracked, so it "
        "is a tool that supports becoming a digital organisation."), True),
    multiple("TL-04", Item.Difficulty.MEDIUM, "DL203.03", "K1 K2", (
        "ในการเลือกเครื่องมือดิจิทัลเพื่อสนับสนุนการพัฒนาสู่องค์กรดิจิทัล ควรพิจารณาสิ่งใด (เลือกได้มากกว่าหนึ่งข้อ)",
        "What should be considered when choosing digital tools to support the move to a digital organisation? "
        "(Choose all that apply.)"),
        [("ความสอดคล้องกับกระบวนงานเป้าหมายและสถาปัตยกรรมองค์กร",
          "Fit with the target processes and the enterprise architecture"),
         ("ความนิยมของผู้ขายในสื่อสังคมออนไลน์เพียงอย่างเดียว", "Only the vendor's popularity on social media"),
         ("มาตรฐานการเชื่อมโยงข้อมูลและความมั่นคงปลอดภัย", "Data-exchange standards and security"),
         ("ต้นทุนตลอดอายุการใช้งานเทียบกับประโยชน์ที่ได้รับ", "Whole-life cost against the benefits")], {0, 2, 3}),
    single("TL-05", Item.Difficulty.MEDIUM, "DL203.01", "K8", (
        "การประเมินความคุ้มค่าในการพัฒนาบริการดิจิทัล (Cost-Benefit Analysis) ควรครอบคลุมสิ่งใด",
        "What should a cost-benefit analysis of developing a digital service cover?"),
        [("เฉพาะราคาซื้อซอฟต์แวร์", "Only the software's purchase price"),
         ("ต้นทุนทั้งหมด ประโยชน์ที่จะได้รับ รวมถึงผลกระทบและความเสี่ยงต่อผู้ใช้และองค์กร",
          "All the costs, the benefits, and the impacts and risks for users and the organisation"),
         ("เฉพาะจำนวนผู้ดาวน์โหลดแอปพลิเคชัน", "Only the number of app downloads"),
         ("เฉพาะความเห็นของผู้ขายระบบ", "Only the vendor's opinion")], 1),

    # --- The blueprint (DL203.01) ---------------------------------------------------------------------------
    single("BP-01", Item.Difficulty.MEDIUM, "DL203.01", "K1 K3", (
        "ข้อใดไม่ใช่องค์ประกอบที่ควรมีในพิมพ์เขียว (Blueprint) องค์กรดิจิทัล",
        "Which of these does NOT belong in a digital-organisation blueprint?"),
        [("วิสัยทัศน์และเป้าหมายขององค์กรดิจิทัล", "The digital organisation's vision and goals"),
         ("กระบวนงาน โครงสร้าง บุคลากร ข้อมูล และเทคโนโลยีเป้าหมาย",
          "The target processes, structure, people, data and technology"),
         ("แผนที่นำทาง (Roadmap) และตัวชี้วัด", "The roadmap and indicators"),
         ("รายชื่อผู้ขายที่เลือกไว้ล่วงหน้าโดยไม่ผ่านกระบวนการจัดซื้อจัดจ้าง",
          "Vendors chosen in advance without procurement")], 3),
    single("BP-02", Item.Difficulty.MEDIUM, "DL203.01 DL201.04", "R1 K8", (
        "ตามขอบเขตของหน่วยสมรรถนะนี้ ในช่วง 1–2 ปีแรกของการพัฒนาองค์กรดิจิทัลควรเน้นเรื่องใด",
        "Under this unit's range statement, what should the first one to two years of developing a digital "
        "organisation focus on?"),
        [("การแลกเปลี่ยนข้อมูลระหว่างหน่วยงานทุกระบบพร้อมกัน",
          "Exchanging data between agencies in every system at once"),
         ("การยกเลิกการให้บริการที่สำนักงานทั้งหมด", "Closing every office counter"),
         ("กระบวนงานหลัก บทบาทและทักษะของบุคลากร โครงสร้างองค์กร และการวิเคราะห์ช่องว่าง",
          "Core processes, staff roles and skills, the structure, and gap analysis"),
         ("การจัดซื้ออุปกรณ์ใหม่ทุกชนิด", "Buying every kind of new equipment")], 2),

    # --- Essays, marked by an assessor against ESSAY_RUBRIC --------------------------------------------------
    essay("ES-01", Item.Difficulty.HARD, "DL201.01 DL201.02 DL201.04", "K1 K3", (
        "กรมของท่านต้องการเปลี่ยนบริการออกใบอนุญาตประกอบกิจการซึ่งปัจจุบันใช้เอกสารกระดาษ "
        "ให้เป็นบริการดิจิทัลภายใน 2 ปี "
        "จงอธิบาย (1) กระบวนงานหลักในสภาพปัจจุบัน (As-Is) และสภาพเป้าหมาย (To-Be) ที่สอดคล้องกับนโยบายและยุทธศาสตร์ "
        "(2) ช่องว่างที่สำคัญอย่างน้อย 3 ด้าน และ (3) บทบาท ภาระงาน และทักษะของบุคลากรที่ต้องปรับเปลี่ยน",
        "Your department wants to turn its paper-based business-licence service into a digital service within two "
        "years. Explain (1) the core process as it is (As-Is) and as it should be (To-Be), in line with policy and "
        "strategy; (2) at least three important gaps; and (3) the "
        "roles, workload and skills of staff that must change.")),
    essay("ES-02", Item.Difficulty.HARD, "DL201.03", "R1 K2", (
        "ออกแบบการเชื่อมโยงข้อมูลระหว่างหน่วยงานของท่านกับหน่วยงานอื่นอย่างน้อยหนึ่งกรณี "
        "เพื่อให้ประชาชนไม่ต้องยื่นเอกสารซ้ำ "
        "โดยระบุ (1) ข้อมูลหลัก (Core Data) ที่แลกเปลี่ยนและรูปแบบ "
        "(G2G, G2C หรือ G2B) (2) มาตรฐานและช่องทางการเชื่อมโยง "
        "และ (3) การคุ้มครองข้อมูลส่วนบุคคลและความมั่นคงปลอดภัย",
        "Design at least one data link between your agency and another so that people need not hand in documents "
        "again. State (1) the core data exchanged and the kind of exchange (G2G, G2C or G2B); (2) the standards and "
        "the channel of the link; and (3) how personal data and security are protected.")),
    essay("ES-03", Item.Difficulty.HARD, "DL203.01 DL203.02", "K8 K9", (
        "สรุปสาระสำคัญของพิมพ์เขียว (Blueprint) องค์กรดิจิทัลของหน่วยงานท่าน "
        "(วิสัยทัศน์ องค์ประกอบเป้าหมาย แผนที่นำทาง และตัวชี้วัด) "
        "และเสนอแผนการสื่อสารให้บุคลากรภายในและหน่วยงานภาคีเข้าใจและยอมรับการเปลี่ยนแปลง",
        "Summarise your agency's digital-organisation blueprint (vision, target components, roadmap and indicators) "
        "and propose a communication plan that helps staff and partner agencies understand and accept the change.")),
    essay("ES-04", Item.Difficulty.HARD, "DL202.03 DL203.03", "K5 K6", (
        "ระบุอุปกรณ์และเครื่องมือดิจิทัลอย่างน้อย 3 รายการที่จะสนับสนุนการพัฒนาหน่วยงานของท่านสู่องค์กรดิจิทัล "
        "เช่น ปัญญาประดิษฐ์ การวิเคราะห์ข้อมูลขนาดใหญ่ "
        "หรือแอปพลิเคชันบนอุปกรณ์พกพา พร้อมเหตุผลและการประเมินความคุ้มค่าเบื้องต้น",
        "Name at least three pieces of equipment or digital tools that would support your agency's move to a digital "
        "organisation, such as AI, big-data analytics or mobile applications, with your reasons and a first "
        "cost-benefit assessment.")),
]
