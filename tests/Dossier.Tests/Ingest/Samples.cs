using System.Text;

namespace Dossier.Tests.Ingest;

/// <summary>News paragraphs written for these tests, in several languages, and their bytes in legacy encodings.</summary>
internal static class Samples
{
    public const string Russian =
        "Вчера вечером в Москве прошло заседание городского совета, на котором обсуждали новый бюджет. "
        + "Депутаты долго спорили о расходах на транспорт и образование. Мэр заявил, что город сможет построить "
        + "ещё три школы и отремонтировать двадцать километров дорог. Жители, пришедшие на встречу, задавали "
        + "вопросы о ценах на жильё и о работе поликлиник.";

    public const string Ukrainian =
        "Київ, Україна. Уряд ухвалив рішення про підтримку малого бізнесу. Міністр економіки пояснив, що програма "
        + "почне діяти з наступного місяця і охопить тисячі підприємців у всіх областях. Її вартість оцінюють у "
        + "мільярд гривень, а гроші надійдуть із резервного фонду.";

    public const string Greek =
        "Η κυβέρνηση ανακοίνωσε χθες νέα μέτρα για την οικονομία. Ο υπουργός είπε ότι οι συντάξεις θα αυξηθούν "
        + "από τον επόμενο μήνα και ότι οι τιμές της ενέργειας θα μειωθούν.";

    public const string Polish =
        "Wczoraj w Warszawie odbyło się posiedzenie rządu. Minister zapowiedział, że ceny energii zostaną zamrożone "
        + "do końca roku, a gminy otrzymają dodatkowe środki na ogrzewanie szkół.";

    public const string Czech =
        "Vláda včera schválila nový zákon o daních. Ministr financí řekl, že změny pomohou malým firmám a že příští "
        + "rok se sníží počet úředníků na ministerstvech.";

    public const string French =
        "Le président a déclaré hier soir que la réforme des retraites serait présentée à l'Assemblée en février. "
        + "Les syndicats ont dénoncé « une décision prise sans concertation » et appellent à une grève générale.";

    public const string German =
        "Die Bundesregierung hat gestern beschlossen, die Förderung für Wärmepumpen zu erhöhen. Der Minister sagte, "
        + "dass über eine Million Haushalte davon profitieren könnten. Die Opposition äußerte Zweifel.";

    public const string Turkish =
        "Hükümet dün yeni bir ekonomik paket açıkladı. Bakan, enflasyonun önümüzdeki aylarda düşeceğini ve "
        + "işsizliğin azalacağını söyledi. Muhalefet ise paketin yetersiz olduğunu belirtti.";

    public const string Hebrew = "הממשלה אישרה אתמול את התקציב החדש. השר אמר כי המסים לא יעלו בשנה הבאה וכי הגירעון יקטן.";

    public const string Arabic = "أعلنت الحكومة أمس عن خطة جديدة لدعم الاقتصاد. وقال الوزير إن الأسعار ستنخفض في الأشهر المقبلة.";

    public const string Thai = "รัฐบาลประกาศมาตรการใหม่เพื่อช่วยเหลือเศรษฐกิจเมื่อวานนี้ รัฐมนตรีกล่าวว่าราคาพลังงานจะลดลงในเดือนหน้า";

    public const string Chinese =
        "昨天，市政府宣布了新的交通计划。市长表示，明年将开通三条地铁线路，并改造二十公里的道路。市民对这一计划表示欢迎。";

    public const string Japanese =
        "昨日、政府は新しい経済対策を発表しました。大臣は、来月から電気料金の補助を始めると述べました。野党は対策が不十分だと批判しています。";

    public const string TraditionalChinese = "昨天，市政府宣佈了新的交通計劃。市長表示，明年將開通三條地鐵線路，並改造二十公里的道路。";

    public const string Korean = "서울시는 어제 새로운 교통 계획을 발표했다. 시장은 내년에 지하철 세 노선을 개통하겠다고 말했다.";

    static Samples() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static byte[] Encode(string text, string encoding) => Encoding.GetEncoding(encoding).GetBytes(text);

    /// <summary>A small page around <paramref name="body"/>, with an optional head fragment (a meta charset).</summary>
    public static string Page(string body, string head = "")
        => $"<!DOCTYPE html>\n<html><head>{head}<title>Test</title></head>\n<body><article><p>{body}</p></article></body></html>\n";
}
