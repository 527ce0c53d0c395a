//! Articles: writing them with their tags and links, cover images, and reading them for the
//! list, a tag, a place, the article page and the feed. "Public" always means published at
//! or before `now`; drafts and scheduled articles are read only for editors.

use crate::model::article::{Article, ArticleDraft, ArticleSummary, Cover, LinkedName};
use crate::model::discussion::Moment;
use crate::store::{arguments, ids_json, Bind, Db};
use sqlx::FromRow;

/// One stored size of an image: JPEG bytes.
pub struct ImageVariant {
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
}

/// Stores an image's variants (largest first) and returns its id.
pub async fn save_image(
    db: &Db,
    created_by: Option<i64>,
    variants: &[ImageVariant],
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (Some(large), Some(small)) = (variants.first(), variants.last()) else {
        return Err(sqlx::Error::Protocol("an image without variants".into()));
    };
    let mut tx = db.begin_write().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO images (width, height, small_width, created_by, created_at)
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(large.width)
    .bind(large.height)
    .bind(small.width)
    .bind(created_by)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for variant in variants {
        sqlx::query(
            "INSERT INTO image_variants (image_id, width, height, jpeg) VALUES (?, ?, ?, ?)
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(variant.width)
        .bind(variant.height)
        .bind(&variant.jpeg)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// The JPEG bytes of one size of an image.
pub async fn image_jpeg(
    db: &Db,
    image_id: i64,
    width: u32,
) -> Result<Option<Vec<u8>>, sqlx::Error> {
    sqlx::query_scalar("SELECT jpeg FROM image_variants WHERE image_id = ? AND width = ?")
        .bind(image_id)
        .bind(width)
        .fetch_optional(&db.read)
        .await
}

/// Whether the article with this id has a cover; `None` when there is no such article.
pub async fn by_id_cover(db: &Db, id: i64) -> Result<Option<bool>, sqlx::Error> {
    sqlx::query_scalar("SELECT cover_image_id IS NOT NULL FROM articles WHERE id = ?")
        .bind(id)
        .fetch_optional(&db.read)
        .await
}

/// What an editor saves.
pub struct ArticleWrite<'a> {
    /// `None` for a new article.
    pub id: Option<i64>,
    /// The address of a new article; an existing one keeps its own.
    pub slug: &'a str,
    pub title: &'a str,
    pub lead: &'a str,
    pub body_source: &'a str,
    pub body_html: &'a str,
    /// A new cover; `None` keeps the one there is.
    pub cover_image_id: Option<i64>,
    pub cover_alt: &'a str,
    pub tags: &'a [String],
    pub place_ids: &'a [i64],
    pub neighbourhood_ids: &'a [i64],
    pub published_at: Option<i64>,
    pub author_id: i64,
}

/// Saves an article with its tags and links in one write; returns its id and address, or
/// `None` when the article to edit is gone. A new article whose title was used before gets
/// a number after its address.
pub async fn save_article(
    db: &Db,
    article: &ArticleWrite<'_>,
    now: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let saved: Option<(i64, String)> = match article.id {
        Some(id) => {
            sqlx::query_as(
                "UPDATE articles SET title = ?, lead = ?, body_source = ?, body_html = ?,
                     cover_image_id = coalesce(?, cover_image_id), cover_alt = ?,
                     published_at = ?, updated_at = ?
                 WHERE id = ? RETURNING id, slug",
            )
            .bind(article.title)
            .bind(article.lead)
            .bind(article.body_source)
            .bind(article.body_html)
            .bind(article.cover_image_id)
            .bind(article.cover_alt)
            .bind(article.published_at)
            .bind(now)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
        }
        None => {
            let taken: Vec<String> = sqlx::query_scalar(
                "SELECT slug FROM articles WHERE slug = ?1 OR slug LIKE ?1 || '-%'",
            )
            .bind(article.slug)
            .fetch_all(&mut *tx)
            .await?;
            let slug = (1..)
                .map(|n| {
                    if n == 1 {
                        article.slug.to_string()
                    } else {
                        crate::model::article::numbered_slug(article.slug, n)
                    }
                })
                .find(|slug| !taken.contains(slug))
                .unwrap_or_default();
            Some(
                sqlx::query_as(
                    "INSERT INTO articles (slug, title, lead, body_source, body_html,
                         cover_image_id, cover_alt, author_id, published_at, created_at, updated_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, slug",
                )
                .bind(&slug)
                .bind(article.title)
                .bind(article.lead)
                .bind(article.body_source)
                .bind(article.body_html)
                .bind(article.cover_image_id)
                .bind(article.cover_alt)
                .bind(article.author_id)
                .bind(article.published_at)
                .bind(now)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?,
            )
        }
    };
    let Some((id, slug)) = saved else {
        return Ok(None);
    };
    for table in ["article_tags", "article_places", "article_neighbourhoods"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE article_id = ?"))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    for tag in article.tags {
        sqlx::query("INSERT INTO article_tags (article_id, tag, published_at) VALUES (?, ?, ?)")
            .bind(id)
            .bind(tag)
            .bind(article.published_at)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO article_places (article_id, place_id)
         SELECT ?, value FROM json_each(?) WHERE true ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(ids_json(article.place_ids))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO article_neighbourhoods (article_id, neighbourhood_id)
         SELECT ?, value FROM json_each(?) WHERE true ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(ids_json(article.neighbourhood_ids))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some((id, slug)))
}

/// The ids of the places (or neighbourhoods) with these slugs, and the slugs that name none.
pub async fn ids_by_slug(
    db: &Db,
    table: LinkTable,
    slugs: &[String],
) -> Result<(Vec<i64>, Vec<String>), sqlx::Error> {
    let mut ids = Vec::with_capacity(slugs.len());
    let mut unknown = Vec::new();
    let sql = format!("SELECT id FROM {} WHERE slug = ?", table.name());
    for slug in slugs {
        match sqlx::query_scalar::<_, i64>(&sql)
            .bind(slug)
            .fetch_optional(&db.read)
            .await?
        {
            Some(id) => ids.push(id),
            None => unknown.push(slug.clone()),
        }
    }
    Ok((ids, unknown))
}

#[derive(Clone, Copy)]
pub enum LinkTable {
    Places,
    Neighbourhoods,
}

impl LinkTable {
    fn name(self) -> &'static str {
        match self {
            LinkTable::Places => "places",
            LinkTable::Neighbourhoods => "neighbourhoods",
        }
    }
}

const SUMMARY_COLUMNS: &str = "a.id, a.slug, a.title, a.lead, a.published_at, a.cover_alt,
    i.id AS image_id, i.width, i.height, i.small_width";

/// An article in a list, as stored.
#[derive(FromRow)]
struct SummaryRow {
    id: i64,
    slug: String,
    title: String,
    lead: String,
    published_at: Option<i64>,
    cover_alt: String,
    image_id: Option<i64>,
    width: Option<u32>,
    height: Option<u32>,
    small_width: Option<u32>,
}

impl SummaryRow {
    fn cover(&self) -> Option<Cover> {
        match (self.image_id, self.width, self.height, self.small_width) {
            (Some(image_id), Some(width), Some(height), Some(small_width)) => Some(Cover {
                image_id,
                width,
                height,
                small_width,
                alt: self.cover_alt.clone(),
            }),
            _ => None,
        }
    }

    fn into_summary(self) -> ArticleSummary {
        ArticleSummary {
            cover: self.cover(),
            slug: self.slug,
            title: self.title,
            lead: self.lead,
            published: self.published_at.map(Moment::at),
        }
    }
}

/// Articles in a list: `from` names the rows (the articles joined as `a`), `rest` the
/// conditions, order and limit, `binds` their values in order.
async fn summaries(
    db: &Db,
    from: &str,
    rest: &str,
    binds: &[Bind],
) -> Result<Vec<ArticleSummary>, sqlx::Error> {
    let rows: Vec<SummaryRow> = sqlx::query_as_with(
        &format!(
            "SELECT {SUMMARY_COLUMNS} FROM {from}
             LEFT JOIN images i ON i.id = a.cover_image_id {rest}"
        ),
        arguments(binds),
    )
    .fetch_all(&db.read)
    .await?;
    Ok(rows.into_iter().map(SummaryRow::into_summary).collect())
}

/// One page of public articles, newest first, for everyone or for one tag; and whether
/// there are more.
pub async fn published(
    db: &Db,
    tag: Option<&str>,
    now: i64,
    page: u32,
    page_size: u32,
) -> Result<(Vec<ArticleSummary>, bool), sqlx::Error> {
    let limit = Bind::Int(i64::from(page_size) + 1);
    let offset = Bind::Int(i64::from(page.saturating_sub(1)) * i64::from(page_size));
    let mut found = match tag {
        Some(tag) => {
            summaries(
                db,
                "article_tags t CROSS JOIN articles a ON a.id = t.article_id",
                "WHERE t.tag = ? AND t.published_at <= ?
                 ORDER BY t.published_at DESC, t.article_id DESC LIMIT ? OFFSET ?",
                &[Bind::Text(tag.to_string()), Bind::Int(now), limit, offset],
            )
            .await?
        }
        None => {
            summaries(
                db,
                "articles a",
                "WHERE a.published_at IS NOT NULL AND a.published_at <= ?
                 ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?",
                &[Bind::Int(now), limit, offset],
            )
            .await?
        }
    };
    let size = usize::try_from(page_size).unwrap_or(usize::MAX);
    let more = found.len() > size;
    found.truncate(size);
    Ok((found, more))
}

/// Drafts and scheduled articles, last changed first; what editors see above the list.
pub async fn unpublished(db: &Db, now: i64) -> Result<Vec<ArticleSummary>, sqlx::Error> {
    summaries(
        db,
        "articles a",
        "WHERE a.published_at IS NULL OR a.published_at > ? ORDER BY a.updated_at DESC LIMIT 50",
        &[Bind::Int(now)],
    )
    .await
}

/// The public articles about a place, newest first.
pub async fn about_place(
    db: &Db,
    place_id: i64,
    now: i64,
    limit: u32,
) -> Result<Vec<ArticleSummary>, sqlx::Error> {
    summaries(
        db,
        "article_places ap CROSS JOIN articles a ON a.id = ap.article_id",
        "WHERE ap.place_id = ? AND a.published_at <= ?
         ORDER BY a.published_at DESC, a.id DESC LIMIT ?",
        &[
            Bind::Int(place_id),
            Bind::Int(now),
            Bind::Int(i64::from(limit)),
        ],
    )
    .await
}

/// Public articles sharing the most tags with this one, newest first among equals.
pub async fn related(
    db: &Db,
    article_id: i64,
    now: i64,
    limit: u32,
) -> Result<Vec<ArticleSummary>, sqlx::Error> {
    summaries(
        db,
        "(SELECT o.article_id, count(*) AS shared, max(o.published_at) AS at
          FROM article_tags mine
          JOIN article_tags o ON o.tag = mine.tag AND o.article_id <> mine.article_id
          WHERE mine.article_id = ? AND o.published_at <= ?
          GROUP BY o.article_id
          ORDER BY shared DESC, at DESC LIMIT ?) r
         CROSS JOIN articles a ON a.id = r.article_id",
        "ORDER BY r.shared DESC, r.at DESC",
        &[
            Bind::Int(article_id),
            Bind::Int(now),
            Bind::Int(i64::from(limit)),
        ],
    )
    .await
}

#[derive(FromRow)]
struct ArticleRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    body_source: String,
    body_html: String,
}

/// An article by its address, published or not (the caller decides who may see it).
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Article>, sqlx::Error> {
    let Some(row) = sqlx::query_as::<_, ArticleRow>(&format!(
        "SELECT {SUMMARY_COLUMNS}, a.body_source, a.body_html FROM articles a
         LEFT JOIN images i ON i.id = a.cover_image_id WHERE a.slug = ?"
    ))
    .bind(slug)
    .fetch_optional(&db.read)
    .await?
    else {
        return Ok(None);
    };
    let id = row.summary.id;
    let tags = sqlx::query_scalar("SELECT tag FROM article_tags WHERE article_id = ? ORDER BY tag")
        .bind(id)
        .fetch_all(&db.read)
        .await?;
    let places = linked(db, id, LinkTable::Places).await?;
    let neighbourhoods = linked(db, id, LinkTable::Neighbourhoods).await?;
    Ok(Some(Article {
        id,
        cover: row.summary.cover(),
        slug: row.summary.slug,
        title: row.summary.title,
        lead: row.summary.lead,
        body_source: row.body_source,
        body_html: row.body_html,
        tags,
        places,
        neighbourhoods,
        published_at: row.summary.published_at,
        published: row.summary.published_at.map(Moment::at),
    }))
}

async fn linked(
    db: &Db,
    article_id: i64,
    table: LinkTable,
) -> Result<Vec<LinkedName>, sqlx::Error> {
    let (links, column) = match table {
        LinkTable::Places => ("article_places", "place_id"),
        LinkTable::Neighbourhoods => ("article_neighbourhoods", "neighbourhood_id"),
    };
    sqlx::query_as::<_, (String, String)>(&format!(
        "SELECT x.slug, x.name FROM {links} l CROSS JOIN {} x ON x.id = l.{column}
         WHERE l.article_id = ? ORDER BY x.name COLLATE NOCASE",
        table.name()
    ))
    .bind(article_id)
    .fetch_all(&db.read)
    .await
    .map(|rows| {
        rows.into_iter()
            .map(|(slug, name)| LinkedName { slug, name })
            .collect()
    })
}

/// The editor's form for an existing article; the publish time is left to the caller.
pub fn draft_of(article: &Article) -> ArticleDraft {
    let slugs = |links: &[LinkedName]| {
        links
            .iter()
            .map(|l| l.slug.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    ArticleDraft {
        id: Some(article.id),
        slug: article.slug.clone(),
        title: article.title.clone(),
        lead: article.lead.clone(),
        body: article.body_source.clone(),
        tags: article.tags.join(", "),
        places: slugs(&article.places),
        neighbourhoods: slugs(&article.neighbourhoods),
        cover_alt: article
            .cover
            .as_ref()
            .map(|c| c.alt.clone())
            .unwrap_or_default(),
        has_cover: article.cover.is_some(),
        publish_at: String::new(),
    }
}

/// An entry of the feed: a public article with its text.
#[derive(FromRow)]
pub struct FeedEntry {
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub body_html: String,
    pub published_at: i64,
    pub updated_at: i64,
}

/// The newest public articles for the feed, for everyone or one tag.
pub async fn feed(
    db: &Db,
    tag: Option<&str>,
    now: i64,
    limit: u32,
) -> Result<Vec<FeedEntry>, sqlx::Error> {
    const COLUMNS: &str = "a.slug, a.title, a.lead, a.body_html, a.published_at, a.updated_at";
    match tag {
        Some(tag) => {
            sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM article_tags t CROSS JOIN articles a ON a.id = t.article_id
                 WHERE t.tag = ? AND t.published_at <= ?
                 ORDER BY t.published_at DESC, t.article_id DESC LIMIT ?"
            ))
            .bind(tag)
            .bind(now)
            .bind(limit)
            .fetch_all(&db.read)
            .await
        }
        None => {
            sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM articles a
                 WHERE a.published_at IS NOT NULL AND a.published_at <= ?
                 ORDER BY a.published_at DESC, a.id DESC LIMIT ?"
            ))
            .bind(now)
            .bind(limit)
            .fetch_all(&db.read)
            .await
        }
    }
}
