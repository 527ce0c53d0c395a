//! What goes on in De Lindenhoek: its activities, its conversations and the people in them.
//! Dates are not written here: `seed_life` places every series around the site's today.

/// When an activity comes back.
#[derive(Clone, Copy, Debug)]
pub(super) enum Rule {
    /// Every week on this weekday (ISO: Monday = 1).
    Weekly(u8),
    /// Every month on the n-th (1–4) of this weekday.
    Monthly(u8, i8),
    /// Once, this many days after the day the demo was first filled in.
    Once(i64),
}

/// Who joins the coming dates of an activity (the demo's neighbours, who cannot log in).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Crowd {
    /// Nobody signs up in advance: people walk in.
    WalkIn,
    /// A few sign up.
    Some(u32),
    /// Full, with people on the waiting list for the next date.
    Full { waiting: u32 },
}

pub(super) struct DemoActivity {
    pub place: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub rule: Rule,
    pub start: &'static str,
    pub end: &'static str,
    pub capacity: Option<u32>,
    pub cost: &'static str,
    pub welcomer: &'static str,
    pub audience: &'static str,
    pub accessibility: &'static str,
    pub online_url: &'static str,
    /// The title of the activity in person this (online) one leads to.
    pub leads_to: Option<&'static str>,
    pub crowd: Crowd,
    /// Past dates show visits (check-ins and walk-ins) on the insights pages.
    pub visits: bool,
}

const fn weekly(
    place: &'static str,
    title: &'static str,
    description: &'static str,
    weekday: u8,
    start: &'static str,
    end: &'static str,
) -> DemoActivity {
    DemoActivity {
        place,
        title,
        description,
        rule: Rule::Weekly(weekday),
        start,
        end,
        capacity: None,
        cost: "",
        welcomer: "",
        audience: "",
        accessibility: "",
        online_url: "",
        leads_to: None,
        crowd: Crowd::WalkIn,
        visits: false,
    }
}

/// The activity whose next date the demo shows cancelled: the first of these with a date
/// still to come in the next seven days (they fall on different weekdays).
pub(super) const CANCEL_CANDIDATES: [&str; 2] = ["Handwerkochtend", "Rustig samen puzzelen"];

/// About thirty dates every week, on every day of the week, at eleven of the fifteen places.
/// The other four (the schoolyard, the mosque's tea room, the garden and the playground)
/// keep an empty agenda, as a new place would have.
pub(super) const ACTIVITIES: &[DemoActivity] = &[
    // Buurthuis De Linde
    DemoActivity {
        welcomer: "Ans bij de koffietafel",
        visits: true,
        crowd: Crowd::Some(6),
        ..weekly(
            "buurthuis-de-linde",
            "Koffieochtend",
            "Koffie, thee en de krant. Schuif aan, ook als je voor het eerst komt.",
            1,
            "10:00",
            "11:30",
        )
    },
    DemoActivity {
        welcomer: "Mehmet",
        ..weekly(
            "buurthuis-de-linde",
            "Koffieochtend",
            "Koffie, thee en de krant. Schuif aan, ook als je voor het eerst komt.",
            4,
            "10:00",
            "11:30",
        )
    },
    DemoActivity {
        capacity: Some(12),
        crowd: Crowd::Full { waiting: 3 },
        welcomer: "Mehmet bij de deur",
        audience: "Iedereen die Nederlands leert of wil oefenen",
        visits: true,
        ..weekly(
            "buurthuis-de-linde",
            "Taalcafé",
            "Nederlands oefenen in kleine groepjes, met een vrijwilliger aan elke tafel.",
            2,
            "14:00",
            "15:30",
        )
    },
    weekly(
        "buurthuis-de-linde",
        "Spreekuur wijkteam",
        "Een vraag over geld, zorg of je huis? Het wijkteam denkt met je mee. Je hoeft geen afspraak te maken.",
        2,
        "13:00",
        "14:00",
    ),
    DemoActivity {
        capacity: Some(10),
        crowd: Crowd::Full { waiting: 2 },
        accessibility: "Je doet alle oefeningen zittend. De zaal is drempelvrij.",
        audience: "60-plussers",
        ..weekly(
            "buurthuis-de-linde",
            "Yoga op de stoel",
            "Rustig bewegen op een stoel, met aandacht voor je adem.",
            4,
            "10:30",
            "11:30",
        )
    },
    DemoActivity {
        capacity: Some(24),
        cost: "4",
        crowd: Crowd::Some(14),
        welcomer: "Ans",
        visits: true,
        ..weekly(
            "buurthuis-de-linde",
            "Samen eten",
            "Een warme maaltijd met de buurt. Geef het door als je geen vlees eet.",
            5,
            "18:00",
            "20:00",
        )
    },
    DemoActivity {
        rule: Rule::Monthly(3, 2),
        ..weekly(
            "buurthuis-de-linde",
            "Buurtvergadering",
            "Wat speelt er in de buurt? Iedereen mag meepraten en een punt inbrengen.",
            3,
            "19:30",
            "21:00",
        )
    },
    DemoActivity {
        rule: Rule::Once(10),
        capacity: Some(30),
        crowd: Crowd::Some(8),
        ..weekly(
            "buurthuis-de-linde",
            "Informatieavond nieuwe speeltuin",
            "De gemeente laat de plannen voor de speeltuin zien. Denk mee over wat er komt.",
            1,
            "19:30",
            "21:00",
        )
    },
    // Bibliotheek Lindenhoek
    DemoActivity {
        capacity: Some(8),
        crowd: Crowd::Some(5),
        welcomer: "Femke bij de balie",
        visits: true,
        ..weekly(
            "bibliotheek-lindenhoek",
            "Digitaal Café",
            "Hulp bij je telefoon, tablet, DigiD of een formulier. Neem je eigen apparaat mee.",
            4,
            "14:00",
            "16:00",
        )
    },
    DemoActivity {
        online_url: "https://meet.jit.si/lindenhoek-vragenuur",
        leads_to: Some("Digitaal Café"),
        crowd: Crowd::Some(3),
        ..weekly(
            "bibliotheek-lindenhoek",
            "Online vragenuur over je telefoon",
            "Stel je vraag vanuit huis, via de link. Lukt het niet online? Kom dan naar het Digitaal Café in de bibliotheek.",
            1,
            "19:30",
            "20:15",
        )
    },
    DemoActivity {
        audience: "Kinderen van 3 tot 7 jaar, met hun ouders of opa en oma",
        ..weekly(
            "bibliotheek-lindenhoek",
            "Voorleesuurtje",
            "Prentenboeken voorlezen op de kussens in de kinderhoek.",
            3,
            "15:00",
            "15:45",
        )
    },
    weekly(
        "bibliotheek-lindenhoek",
        "Schrijfhulp: brieven en formulieren",
        "Een vrijwilliger helpt je met een brief, een formulier of een mail.",
        6,
        "10:30",
        "12:00",
    ),
    DemoActivity {
        rule: Rule::Monthly(4, 3),
        capacity: Some(12),
        crowd: Crowd::Some(7),
        ..weekly(
            "bibliotheek-lindenhoek",
            "Leesclub",
            "We praten over het boek van de maand. Het boek kun je hier lenen.",
            4,
            "18:30",
            "19:45",
        )
    },
    // Koffiecorner bij de Buurtsuper
    weekly(
        "koffiecorner-buurtsuper",
        "Zondagmiddag koffie",
        "Op zondag is het stil in de winkel. Tijd voor een kop koffie en een praatje.",
        7,
        "14:00",
        "15:30",
    ),
    DemoActivity {
        rule: Rule::Monthly(3, 1),
        ..weekly(
            "koffiecorner-buurtsuper",
            "Koffie met de wijkagent",
            "De wijkagent drinkt koffie met je. Vragen en zorgen zijn welkom.",
            3,
            "10:00",
            "11:00",
        )
    },
    // Park De Vijverhof
    weekly(
        "park-de-vijverhof",
        "Jeu de boules",
        "Ballen liggen klaar. Nog nooit gespeeld? We leggen het uit.",
        3,
        "14:00",
        "16:00",
    ),
    weekly(
        "park-de-vijverhof",
        "Jeu de boules",
        "Ballen liggen klaar. Nog nooit gespeeld? We leggen het uit.",
        6,
        "14:00",
        "16:00",
    ),
    DemoActivity {
        welcomer: "Joost bij de ingang aan de Vijverlaan",
        ..weekly(
            "park-de-vijverhof",
            "Ommetje",
            "Een rustige wandeling van een half uur door het park. Je loopt mee in je eigen tempo.",
            2,
            "09:30",
            "10:15",
        )
    },
    weekly(
        "park-de-vijverhof",
        "Ommetje",
        "Een rustige wandeling van een half uur door het park. Je loopt mee in je eigen tempo.",
        7,
        "10:30",
        "11:15",
    ),
    // Café De Hoek
    DemoActivity {
        capacity: Some(40),
        cost: "2,50",
        crowd: Crowd::Some(22),
        ..weekly(
            "cafe-de-hoek",
            "Muziekquiz",
            "Raad het nummer en de artiest. Speel mee met je buren in een team.",
            4,
            "20:00",
            "22:00",
        )
    },
    weekly(
        "cafe-de-hoek",
        "Klaverjassen",
        "Kaarten aan de lange tafel. Beginners schuiven aan bij iemand die het uitlegt.",
        7,
        "14:00",
        "17:00",
    ),
    weekly(
        "cafe-de-hoek",
        "Spelletjesmiddag",
        "Sjoelen, dammen en bordspellen. Neem gerust je eigen spel mee.",
        6,
        "14:00",
        "16:00",
    ),
    // De Open Kerk
    weekly(
        "de-open-kerk",
        "Koffie en stilte",
        "De kerk staat open. Drink een kop koffie of zit even in stilte.",
        3,
        "10:00",
        "12:00",
    ),
    weekly(
        "de-open-kerk",
        "Koffie na de dienst",
        "Na de dienst is er koffie voor iedereen, ook als je niet naar de dienst kwam.",
        7,
        "11:30",
        "12:30",
    ),
    // Sportpark Zandwijk-Oost
    DemoActivity {
        capacity: Some(16),
        crowd: Crowd::Full { waiting: 2 },
        audience: "60-plussers",
        ..weekly(
            "sportpark-zandwijk-oost",
            "Walking football",
            "Voetbal in wandeltempo. Je hoeft niet te kunnen voetballen.",
            6,
            "09:30",
            "10:30",
        )
    },
    weekly(
        "sportpark-zandwijk-oost",
        "Buurtbootcamp",
        "Een uur sporten in de buitenlucht, op je eigen niveau.",
        1,
        "19:00",
        "20:00",
    ),
    // Repaircafé Lindenhoek
    DemoActivity {
        rule: Rule::Monthly(6, 1),
        welcomer: "Henk bij de werkbank",
        ..weekly(
            "repaircafe-lindenhoek",
            "Repaircafé",
            "Neem je kapotte spullen mee. Samen met een vrijwilliger maak je het weer heel.",
            6,
            "10:00",
            "13:00",
        )
    },
    DemoActivity {
        rule: Rule::Monthly(6, 3),
        ..weekly(
            "repaircafe-lindenhoek",
            "Naaiatelier: kleding repareren",
            "Een knoop, een rits of een gat: de naaimachines staan klaar.",
            6,
            "10:00",
            "12:30",
        )
    },
    // Huiskamer Op de Hoek
    DemoActivity {
        capacity: Some(10),
        crowd: Crowd::Full { waiting: 2 },
        welcomer: "Wilma",
        visits: true,
        ..weekly(
            "huiskamer-op-de-hoek",
            "Soep op vrijdag",
            "Een kom soep en brood aan de grote tafel. Wie wil, helpt mee met snijden.",
            5,
            "12:00",
            "13:30",
        )
    },
    DemoActivity {
        crowd: Crowd::Some(4),
        welcomer: "Wilma",
        ..weekly(
            "huiskamer-op-de-hoek",
            "Handwerkochtend",
            "Haken, breien of borduren. Wol en naalden liggen klaar.",
            1,
            "10:30",
            "12:00",
        )
    },
    DemoActivity {
        crowd: Crowd::Some(3),
        accessibility: "Een rustige kamer zonder muziek.",
        ..weekly(
            "huiskamer-op-de-hoek",
            "Rustig samen puzzelen",
            "Een legpuzzel of een kruiswoordpuzzel, in stilte of met een praatje.",
            3,
            "13:00",
            "14:30",
        )
    },
    // Jongerencentrum De Loods
    DemoActivity {
        audience: "Jongeren van 12 tot 18",
        welcomer: "Jamal",
        ..weekly(
            "jongerencentrum-de-loods",
            "Huiswerkclub",
            "Samen huiswerk maken, met hulp van studenten.",
            3,
            "15:00",
            "17:00",
        )
    },
    DemoActivity {
        audience: "Jongeren van 12 tot 23",
        ..weekly(
            "jongerencentrum-de-loods",
            "Vrijdagavond in De Loods",
            "Tafelvoetbal, muziek en een jongerenwerker om mee te praten.",
            5,
            "20:00",
            "23:00",
        )
    },
    DemoActivity {
        rule: Rule::Monthly(6, 2),
        capacity: Some(60),
        crowd: Crowd::Some(18),
        audience: "Jongeren van 12 tot 23",
        ..weekly(
            "jongerencentrum-de-loods",
            "Open podium",
            "Zingen, rappen of een instrument spelen voor publiek. Opgeven kan bij Jamal.",
            6,
            "20:00",
            "22:00",
        )
    },
    // Koffietafel bij Bakkerij Van Dam
    weekly(
        "bakkerij-van-dam-koffietafel",
        "Ochtendploeg aan de lange tafel",
        "De vaste ochtendploeg drinkt koffie. Nieuwe gezichten zijn welkom.",
        2,
        "08:00",
        "09:30",
    ),
    weekly(
        "bakkerij-van-dam-koffietafel",
        "Ochtendploeg aan de lange tafel",
        "De vaste ochtendploeg drinkt koffie. Nieuwe gezichten zijn welkom.",
        5,
        "08:00",
        "09:30",
    ),
];

/// Neighbours who write in the conversations; like the visitors in the history they cannot
/// log in (their password hash matches no password).
pub(super) const WRITERS: [(&str, &str); 6] = [
    ("demo-fatma", "Fatma"),
    ("demo-joost", "Joost"),
    ("demo-ingrid", "Ingrid"),
    ("demo-said", "Said"),
    ("demo-marloes", "Marloes"),
    ("demo-erik", "Erik"),
];

/// Who writes a post: one of [`WRITERS`] by username, or the demo host or moderator.
pub(super) type Writer = &'static str;
pub(super) const HOST: Writer = "@host";
pub(super) const MODERATOR: Writer = "@moderator";

pub(super) struct DemoThread {
    /// A place's slug, or `None` for a topic of the whole neighbourhood.
    pub place: Option<&'static str>,
    pub title: &'static str,
    pub author: Writer,
    pub text: &'static str,
    /// Hours before the demo was first filled in.
    pub hours_ago: i64,
    /// Replies in order: (author, text, index of the reply it answers, if any).
    pub replies: &'static [(Writer, &'static str, Option<usize>)],
}

pub(super) const THREADS: &[DemoThread] = &[
    DemoThread {
        place: Some("buurthuis-de-linde"),
        title: "Wie helpt mee met het buurtfeest?",
        author: "demo-fatma",
        text: "Over een paar weken is het buurtfeest op het Lindeplein. We zoeken nog mensen die **tafels sjouwen**, iets lekkers maken of muziek maken. Wie doet mee?",
        hours_ago: 50,
        replies: &[
            ("demo-joost", "Ik kan zaterdagochtend tafels sjouwen. Hoe laat beginnen we?", None),
            ("demo-fatma", "Fijn, Joost! We beginnen om negen uur bij de achterdeur.", Some(0)),
            ("demo-marloes", "Ik bak een appeltaart. Of twee.", None),
            ("demo-said", "Mijn zoon speelt gitaar. Zal ik het hem vragen?", None),
        ],
    },
    DemoThread {
        place: Some("huiskamer-op-de-hoek"),
        title: "Recept van de linzensoep?",
        author: "demo-marloes",
        text: "De linzensoep van vrijdag was heerlijk. Mag het recept hier?",
        hours_ago: 30,
        replies: &[
            (HOST, "Natuurlijk! Linzen, ui, wortel, komijn en een blokje bouillon. Een uur laten trekken. Volgende week staat hij er weer.", None),
            ("demo-marloes", "Dank je, Wilma. Ik ga hem thuis proberen.", Some(0)),
        ],
    },
    DemoThread {
        place: Some("park-de-vijverhof"),
        title: "Bankje bij de vijver is kapot",
        author: "demo-joost",
        text: "Het bankje bij de eendjes heeft een losse plank. Let op als je gaat zitten!",
        hours_ago: 20,
        replies: &[
            ("demo-erik", "Ik heb het gemeld bij de gemeente, via de app. Ze komen deze week.", None),
            ("demo-joost", "Top, dank je wel!", Some(0)),
        ],
    },
    DemoThread {
        place: Some("bibliotheek-lindenhoek"),
        title: "Welk boek lezen we na de kerst?",
        author: "demo-ingrid",
        text: "Voor de leesclub zoeken we een nieuw boek. Liefst niet te dik, en graag iets dat over een buurt gaat. Tips?",
        hours_ago: 70,
        replies: &[
            ("demo-said", "Ik vond *De avond is ongemak* mooi, maar het is wel zwaar.", None),
            ("demo-ingrid", "Goede tip, ik zet hem op de lijst.", Some(0)),
            ("demo-marloes", "Iets luchtigers mag ook. Een verhalenbundel?", None),
        ],
    },
    DemoThread {
        place: Some("cafe-de-hoek"),
        title: "Nog één speler voor ons quizteam",
        author: "demo-erik",
        text: "Ons team voor de muziekquiz zoekt iemand die de jaren tachtig kent. Kom donderdag gewoon langs!",
        hours_ago: 12,
        replies: &[("demo-fatma", "Ik ken alles van de jaren tachtig. Ik kom!", None)],
    },
    DemoThread {
        place: None,
        title: "Stel je voor: nieuw in de buurt?",
        author: MODERATOR,
        text: "Welkom op Buurtplein! Ben je nieuw in De Lindenhoek, of woon je er al lang? Vertel hier wie je bent en waar je graag komt.",
        hours_ago: 200,
        replies: &[
            ("demo-said", "Hoi! Ik ben Said, ik woon sinds de zomer aan de Populierenstraat. Ik kom vaak in het theehuis.", None),
            (MODERATOR, "Welkom, Said! Het Taalcafé op dinsdag is ook een goede plek om buren te leren kennen.", Some(0)),
            ("demo-ingrid", "Ik woon hier al veertig jaar. Vraag maar raak als je iets wilt weten over de buurt.", None),
        ],
    },
    DemoThread {
        place: None,
        title: "Wanneer wordt het oud papier opgehaald?",
        author: "demo-said",
        text: "Weet iemand wanneer de papiercontainer weer geleegd wordt? Hij zit helemaal vol.",
        hours_ago: 8,
        replies: &[
            ("demo-ingrid", "Elke tweede woensdag van de maand. Je kunt ook bellen met de gemeente.", None),
            ("demo-said", "Dank je, dan wacht ik nog even.", Some(0)),
        ],
    },
    DemoThread {
        place: None,
        title: "Sleutelbos gevonden in de Marktstraat",
        author: "demo-ingrid",
        text: "Ik vond een sleutelbos met een rood hangertje bij de bakker. Hij ligt nu bij de balie van de bibliotheek.",
        hours_ago: 4,
        replies: &[],
    },
];
