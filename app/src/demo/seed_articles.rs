//! Demo articles: an editor, a few published stories with tags, places, covers made in code
//! (no picture files in the repository) and approved reactions. Added once: when any article
//! exists, nothing is added.

use crate::model::{article, discussion::PostStatus};
use crate::store::{
    articles::{save_article, save_image, ArticleWrite},
    discussions::{add_article_reaction, Author, NewPost},
    Db,
};

struct DemoArticle {
    title: &'static str,
    lead: &'static str,
    body: &'static str,
    tags: &'static str,
    places: &'static [&'static str],
    colours: ([u8; 3], [u8; 3]),
    alt: &'static str,
    /// Days before now it was published.
    days_ago: i64,
    reactions: &'static [(&'static str, &'static str)],
}

const ARTICLES: &[DemoArticle] = &[
    DemoArticle {
        title: "8 lessen uit Wij in de Wijk",
        lead: "Wat leerden buurtwerkers, vrijwilligers en bewoners na de lockdowns? Acht lessen over ontmoeten in de buurt.",
        body: "Fysieke ontmoetingsplekken zijn heel belangrijk. **Zodra het licht aan is in het gebouw, willen mensen naar binnen.**\n\n1. Ontmoeten hoeft niet in een buurthuis.\n2. Hulp zonder relatie werkt slecht.\n3. Online houd je contact, maar nieuwe mensen leer je vooral op een plek kennen.\n\nLees verder op de pagina's van de plekken in De Lindenhoek.",
        tags: "ontmoeten, lessen, buurthuis",
        places: &["buurthuis-de-linde", "bibliotheek-lindenhoek"],
        colours: ([242, 183, 5], [214, 69, 65]),
        alt: "Een warme kleurvlak van geel naar rood, als licht achter een raam.",
        days_ago: 20,
        reactions: &[
            ("Mieke", "Herkenbaar! Bij ons ging de koffie pas echt lopen toen de deur weer openstond."),
            ("Ahmed", "Mooi dat de bieb er ook bij staat."),
        ],
    },
    DemoArticle {
        title: "Koffie in de supermarkt: een plek zonder drempel",
        lead: "In de koffiecorner van de buurtsuper schuift iedereen aan. Je hoeft niets te kopen.",
        body: "Elke ochtend staat de koffie klaar. Mensen die elkaar anders niet zouden zien, drinken samen een kopje.\n\n*Iedereen is welkom*, ook als je alleen even wilt zitten.",
        tags: "ontmoeten, koffie",
        places: &["koffiecorner-buurtsuper"],
        colours: ([120, 72, 40], [236, 210, 170]),
        alt: "Een kleurvlak van donkerbruin naar licht koffiebruin.",
        days_ago: 9,
        reactions: &[("Joke", "Ik kom er elke dinsdag. Gezellig!")],
    },
    DemoArticle {
        title: "Samen repareren in het Repair Café",
        lead: "Een kapotte lamp of een broek met een gat: in het Repair Café maak je het samen weer heel.",
        body: "Vrijwilligers helpen je om zelf te repareren. Ondertussen is er tijd voor een praatje.\n\nNieuwe vrijwilligers zijn welkom.",
        tags: "vrijwilligers, repareren",
        places: &["repaircafe-lindenhoek"],
        colours: ([46, 125, 50], [200, 230, 201]),
        alt: "Een kleurvlak van donkergroen naar lichtgroen.",
        days_ago: 3,
        reactions: &[],
    },
];

const EDITOR: (&str, &str) = ("redactie", "Redactie Buurtplein");

/// Adds the demo articles when there are none yet; returns how many were added.
pub async fn seed_articles(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM articles")
        .fetch_one(&db.read)
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    // The demo editor signs no one in: its password hash matches no password.
    let editor_id: i64 = sqlx::query_scalar(
        "INSERT INTO users (username, display_name, password_hash, is_editor, created_at)
         VALUES (?, ?, '!', 1, ?)
         ON CONFLICT (username) DO UPDATE SET is_editor = 1 RETURNING id",
    )
    .bind(EDITOR.0)
    .bind(EDITOR.1)
    .bind(now)
    .fetch_one(&db.write)
    .await?;
    let neighbourhood =
        crate::store::discussions::neighbourhood_id(db, super::seed_places::NEIGHBOURHOOD.0)
            .await?;
    for demo in ARTICLES {
        let cover = crate::images::gradient(1600, 900, demo.colours.0, demo.colours.1);
        let variants = crate::images::variants(&cover)
            .map_err(|error| sqlx::Error::Protocol(format!("demo cover: {error}")))?;
        let published_at = now - demo.days_ago * 24 * 60 * 60;
        let image_id = save_image(db, Some(editor_id), &variants, published_at).await?;
        let tags = article::tags(demo.tags).unwrap_or_default();
        let slugs: Vec<String> = demo.places.iter().map(|s| s.to_string()).collect();
        let (place_ids, _) = crate::store::articles::ids_by_slug(
            db,
            crate::store::articles::LinkTable::Places,
            &slugs,
        )
        .await?;
        let html = crate::markdown::render(demo.body);
        let slug = article::slug_from_title(demo.title);
        let write = ArticleWrite {
            id: None,
            slug: &slug,
            title: demo.title,
            lead: demo.lead,
            body_source: demo.body,
            body_html: &html,
            cover_image_id: Some(image_id),
            cover_alt: demo.alt,
            tags: &tags,
            place_ids: &place_ids,
            neighbourhood_ids: &neighbourhood.into_iter().collect::<Vec<_>>(),
            published_at: Some(published_at),
            author_id: editor_id,
        };
        let Some((article_id, _)) = save_article(db, &write, published_at).await? else {
            continue;
        };
        for (offset, (name, text)) in (1..).zip(demo.reactions) {
            let html = crate::markdown::render(text);
            let post = NewPost {
                author: Author::Guest(name),
                source: text,
                html: &html,
                status: PostStatus::Visible,
            };
            let at = published_at + offset * 3600;
            // A demo reaction counts as approved: it never passed through the queue.
            let _ = add_article_reaction(db, article_id, demo.title, &post, None, at).await?;
        }
    }
    Ok(ARTICLES.len())
}
