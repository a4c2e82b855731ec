//! What a posting hangs on (its job, board, team chain and locations), loaded for a
//! batch of postings at once, and the rules shared by `jobPosting.*` and the public
//! job board: which postings are live, the default board, links, compensation.

use super::compensation::{self, ComponentView, TierView};
use super::job;
use crate::error::ApiError;
use crate::store::batch;
use crate::store::entities::location;
use crate::store::entities::{department, job as job_e, job_board, job_location, job_posting};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

/// Everything a batch of postings needs to be rendered, loaded once.
pub struct Postings {
    pub rows: Vec<job_posting::Model>,
    jobs: HashMap<Uuid, job_e::Model>,
    boards: HashMap<Uuid, job_board::Model>,
    departments: HashMap<Uuid, department::Model>,
    locations: HashMap<Uuid, location::Model>,
    secondary: HashMap<Uuid, Vec<Uuid>>,
}

impl Postings {
    /// Loads what `rows` hang on: jobs, boards, every department (for team
    /// hierarchies, a short table), primary and secondary locations.
    pub async fn load<C: ConnectionTrait>(
        db: &C,
        rows: Vec<job_posting::Model>,
    ) -> Result<Postings, ApiError> {
        let jobs =
            batch::by_id::<job_e::Entity, _>(db, job_e::Column::Id, rows.iter().map(|p| p.job_id))
                .await?;
        let boards = batch::by_id::<job_board::Entity, _>(
            db,
            job_board::Column::Id,
            rows.iter().map(|p| p.job_board_id),
        )
        .await?;
        let departments = if rows.is_empty() {
            HashMap::new()
        } else {
            department::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|d| (d.id, d))
                .collect()
        };
        let links = if jobs.is_empty() {
            Vec::new()
        } else {
            job_location::Entity::find()
                .filter(job_location::Column::JobId.is_in(jobs.keys().copied()))
                .order_by_asc(job_location::Column::LocationId)
                .all(db)
                .await?
        };
        let location_ids = jobs
            .values()
            .map(|j| j.location_id)
            .chain(links.iter().map(|l| l.location_id));
        let locations =
            batch::by_id::<location::Entity, _>(db, location::Column::Id, location_ids).await?;
        let secondary = batch::group(links, |l| l.job_id)
            .into_iter()
            .map(|(job, links)| (job, links.into_iter().map(|l| l.location_id).collect()))
            .collect();
        Ok(Postings {
            rows,
            jobs,
            boards,
            departments,
            locations,
            secondary,
        })
    }

    /// The parts of one posting; `None` when its job has gone (never, with foreign keys).
    pub fn parts<'a>(&'a self, p: &'a job_posting::Model) -> Option<Parts<'a>> {
        let job = self.jobs.get(&p.job_id)?;
        let board = self.boards.get(&p.job_board_id)?;
        let mut teams = Vec::new();
        let mut next = Some(job.department_id);
        while let Some(d) = next.and_then(|id| self.departments.get(&id)) {
            if teams.iter().any(|t: &&department::Model| t.id == d.id) {
                break;
            }
            teams.push(d);
            next = d.parent_id;
        }
        teams.reverse();
        Some(Parts {
            posting: p,
            job,
            board,
            teams,
            location: self.locations.get(&job.location_id),
            secondary: self
                .secondary
                .get(&job.id)
                .map(|ids| ids.iter().filter_map(|id| self.locations.get(id)).collect())
                .unwrap_or_default(),
        })
    }
}

/// One posting with what it hangs on.
pub struct Parts<'a> {
    pub posting: &'a job_posting::Model,
    pub job: &'a job_e::Model,
    pub board: &'a job_board::Model,
    /// The department chain, top-level first; the last is the job's own team.
    pub teams: Vec<&'a department::Model>,
    pub location: Option<&'a location::Model>,
    pub secondary: Vec<&'a location::Model>,
}

impl Parts<'_> {
    pub fn department_name(&self) -> String {
        self.teams
            .first()
            .map(|d| d.name.clone())
            .unwrap_or_default()
    }

    pub fn team_name(&self) -> String {
        self.teams
            .last()
            .map(|d| d.name.clone())
            .unwrap_or_default()
    }

    pub fn location_name(&self) -> String {
        self.location.map(|l| l.name.clone()).unwrap_or_default()
    }

    pub fn workplace_type(&self) -> Option<String> {
        self.posting
            .workplace_type
            .clone()
            .or_else(|| self.location.and_then(|l| l.workplace_type.clone()))
    }

    pub fn is_remote(&self) -> bool {
        self.workplace_type().as_deref() == Some("Remote")
    }

    /// The careers-site page of the posting, when the board names its site.
    pub fn external_link(&self) -> Option<String> {
        if self.board.is_internal {
            return None;
        }
        let base = self.board.public_url.as_deref()?.trim_end_matches('/');
        Some(format!("{base}/{}", self.posting.id))
    }

    /// Where candidates apply: the careers-site page, or a path below the board's
    /// name when the board has no site configured.
    pub fn apply_link(&self) -> String {
        match self.external_link() {
            Some(link) => format!("{link}/application"),
            None => format!("/{}/{}/application", self.board.slug, self.posting.id),
        }
    }

    pub fn tiers(&self) -> Vec<compensation::Tier> {
        compensation::stored(&self.job.compensation_tiers)
    }

    /// The first day the posting was live, as a date.
    pub fn published_date(&self) -> String {
        self.posting
            .published_at
            .unwrap_or(self.posting.created_at)
            .format("%Y-%m-%d")
            .to_string()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PostingCompensation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compensation_tier_summary: Option<String>,
    pub summary_components: Vec<ComponentView>,
    pub compensation_tiers: Vec<TierView>,
    pub should_display_compensation_on_job_board: bool,
    /// The key real responses carry besides the spec's.
    pub should_display_compensation: bool,
}

pub fn posting_compensation(parts: &Parts) -> PostingCompensation {
    let tiers = parts.tiers();
    let (summary_components, compensation_tier_summary) = compensation::summary_components(&tiers);
    PostingCompensation {
        compensation_tier_summary,
        summary_components,
        compensation_tiers: compensation::tier_views(&tiers),
        should_display_compensation_on_job_board: parts.posting.should_display_compensation,
        should_display_compensation: parts.posting.should_display_compensation,
    }
}

/// The posting rows live on a board: published, and their job open (and not
/// confidential unless `with_confidential`).
pub fn live_postings(with_confidential: bool, board: Uuid) -> sea_orm::Select<job_posting::Entity> {
    let open_jobs = job::jobs_seen(with_confidential)
        .filter(job_e::Column::Status.eq("Open"))
        .select_only()
        .column(job_e::Column::Id)
        .into_query();
    job_posting::Entity::find()
        .filter(job_posting::Column::JobBoardId.eq(board))
        .filter(job_posting::Column::IsPublished.eq(true))
        .filter(job_posting::Column::JobId.in_subquery(open_jobs))
        .order_by_asc(job_posting::Column::Title)
        .order_by_asc(job_posting::Column::Id)
}

/// The board postings default to: the oldest enabled external board.
pub async fn primary_board<C: ConnectionTrait>(
    db: &C,
) -> Result<Option<job_board::Model>, ApiError> {
    Ok(job_board::Entity::find()
        .filter(job_board::Column::IsInternal.eq(false))
        .filter(job_board::Column::IsEnabled.eq(true))
        .order_by_asc(job_board::Column::CreatedAt)
        .order_by_asc(job_board::Column::Id)
        .one(db)
        .await?)
}

/// The text of an HTML fragment: tags dropped, block ends as line breaks, the
/// common entities decoded.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            // A lone `<` is text.
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        let name = tag
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("");
        if matches!(
            name,
            "p" | "br" | "li" | "div" | "h1" | "h2" | "h3" | "h4" | "ul" | "ol"
        ) && !out.ends_with('\n')
            && !out.is_empty()
        {
            out.push('\n');
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn html_becomes_readable_text() {
        assert_eq!(
            plain_text("<p>Build <b>things</b> &amp; more</p><ul><li>Rust</li><li>SQL</li></ul>"),
            "Build things & more\nRust\nSQL"
        );
        assert_eq!(plain_text("1 < 2"), "1 < 2");
    }
}
