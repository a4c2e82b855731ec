//! The demo organisation's hiring process: tags, sources, archive reasons, custom
//! fields, interviewer pools, forms, templates, tracking links and a brand. The
//! defaults every organisation has (archive reasons, sources, the referral form)
//! come from migration m0003; this adds a lived-in set on top.

use super::organization::Organization;
use crate::store::entities::{
    archive_reason, brand, candidate_tag, communication_template, custom_field, form_definition,
    interviewer_pool, interviewer_pool_member, source, source_tracking_link, source_type,
};
use crate::store::WriteTxn;
use chrono::{DateTime, Utc};
use form_definition::FormKind;
use sea_orm::{ActiveModelTrait, DbErr, Set};
use serde_json::{json, Value};
use uuid::Uuid;

/// How much was loaded, for the startup summary.
pub struct HiringProcess {
    pub tags: usize,
    pub custom_fields: usize,
    pub pools: usize,
    pub forms: usize,
}

const TAGS: [&str; 6] = [
    "Strong Referral",
    "Silver Medalist",
    "Rehire",
    "Needs Visa",
    "Conference Lead",
    "Open Source",
];

const POOLS: [(&str, bool, &[usize]); 3] = [
    ("System Design Interviewers", true, &[1, 2, 5, 6]),
    ("Coding Interviewers", false, &[2, 3, 4, 5, 7]),
    ("Culture Interviewers", false, &[0, 8, 10]),
];

/// Rows share the demo's timestamps and change number.
struct Stamp<'a> {
    write: &'a WriteTxn,
    now: DateTime<Utc>,
}

pub async fn load(
    write: &WriteTxn,
    now: DateTime<Utc>,
    org: &Organization,
) -> Result<HiringProcess, DbErr> {
    let at = Stamp { write, now };
    for title in TAGS {
        candidate_tag::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(now),
            updated_at: Set(now),
            change_seq: Set(write.change),
            title: Set(title.into()),
            title_lower: Set(title.to_lowercase()),
            is_archived: Set(false),
        }
        .insert(&write.txn)
        .await?;
    }
    let events = add_sources(&at).await?;
    add_archive_reasons(&at).await?;
    let custom_fields = add_custom_fields(&at).await?;
    add_pools(&at, org).await?;
    let forms = add_forms(&at).await?;
    add_templates(&at).await?;
    add_brand_and_links(&at, events).await?;
    Ok(HiringProcess {
        tags: TAGS.len(),
        custom_fields,
        pools: POOLS.len(),
        forms,
    })
}

/// An `Events` source type with two sources; returns the first source's id.
async fn add_sources(at: &Stamp<'_>) -> Result<Uuid, DbErr> {
    let type_id = Uuid::now_v7();
    source_type::ActiveModel {
        id: Set(type_id),
        created_at: Set(at.now),
        updated_at: Set(at.now),
        change_seq: Set(at.write.change),
        title: Set("Events".into()),
        is_archived: Set(false),
    }
    .insert(&at.write.txn)
    .await?;
    let mut first = None;
    for (title, archived) in [("RustConf 2026", false), ("Career Fair 2024", true)] {
        let id = Uuid::now_v7();
        source::ActiveModel {
            id: Set(id),
            created_at: Set(at.now),
            updated_at: Set(at.now),
            change_seq: Set(at.write.change),
            title: Set(title.into()),
            is_archived: Set(archived),
            source_type_id: Set(Some(type_id)),
        }
        .insert(&at.write.txn)
        .await?;
        first.get_or_insert(id);
    }
    Ok(first.unwrap_or(type_id))
}

async fn add_archive_reasons(at: &Stamp<'_>) -> Result<(), DbErr> {
    for (text, kind, archived) in [
        ("Visa Sponsorship Unavailable", "RejectedByOrg", false),
        ("Role Put On Hold", "Other", true),
    ] {
        archive_reason::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(at.now),
            updated_at: Set(at.now),
            change_seq: Set(at.write.change),
            text: Set(text.into()),
            reason_type: Set(kind.into()),
            is_archived: Set(archived),
        }
        .insert(&at.write.txn)
        .await?;
    }
    Ok(())
}

async fn add_custom_fields(at: &Stamp<'_>) -> Result<usize, DbErr> {
    let seniority = json!([
        {"label": "Junior", "value": "junior", "isArchived": false},
        {"label": "Mid-level", "value": "mid", "isArchived": false},
        {"label": "Senior", "value": "senior", "isArchived": false},
        {"label": "Staff", "value": "staff", "isArchived": false},
    ]);
    let fields: [(&str, &str, &str, Option<Value>); 4] = [
        ("Seniority", "Candidate", "ValueSelect", Some(seniority)),
        ("Years of Experience", "Candidate", "Number", None),
        ("Open to Relocation", "Application", "Boolean", None),
        ("Budget Code", "Job", "String", None),
    ];
    let count = fields.len();
    for (title, object, kind, options) in fields {
        custom_field::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(at.now),
            updated_at: Set(at.now),
            change_seq: Set(at.write.change),
            title: Set(title.into()),
            description: Set(None),
            object_type: Set(object.into()),
            field_type: Set(kind.into()),
            is_private: Set(title == "Budget Code"),
            is_required: Set(false),
            is_archived: Set(false),
            is_date_only: Set(false),
            is_exposable_to_candidate: Set(false),
            selectable_values: Set(options),
        }
        .insert(&at.write.txn)
        .await?;
    }
    Ok(count)
}

async fn add_pools(at: &Stamp<'_>, org: &Organization) -> Result<(), DbErr> {
    for (title, training, members) in POOLS {
        let pool_id = Uuid::now_v7();
        interviewer_pool::ActiveModel {
            id: Set(pool_id),
            created_at: Set(at.now),
            updated_at: Set(at.now),
            change_seq: Set(at.write.change),
            title: Set(title.into()),
            is_archived: Set(false),
            training_path_id: Set(training.then(Uuid::now_v7)),
        }
        .insert(&at.write.txn)
        .await?;
        for user_id in members.iter().filter_map(|&i| org.users.get(i)) {
            interviewer_pool_member::ActiveModel {
                pool_id: Set(pool_id),
                user_id: Set(*user_id),
                created_at: Set(at.now),
            }
            .insert(&at.write.txn)
            .await?;
        }
    }
    Ok(())
}

/// A form section of `(path, title, type)` questions.
fn section(title: &str, questions: &[(&str, &str, &str)]) -> Value {
    let fields: Vec<Value> = questions
        .iter()
        .map(|(path, title, kind)| {
            json!({
                "isRequired": true,
                "field": {
                    "id": Uuid::now_v7(),
                    "type": kind,
                    "path": path,
                    "humanReadablePath": title,
                    "title": title,
                    "isNullable": false,
                }
            })
        })
        .collect();
    json!({"sections": [{"title": title, "fields": fields}]})
}

async fn add_forms(at: &Stamp<'_>) -> Result<usize, DbErr> {
    let forms = [
        (
            FormKind::Feedback,
            "Default Interview Feedback",
            true,
            None,
            section(
                "Feedback",
                &[
                    ("overall_recommendation", "Overall Recommendation", "Score"),
                    ("notes", "Notes", "RichText"),
                ],
            ),
        ),
        (
            FormKind::Feedback,
            "System Design Scorecard",
            false,
            None,
            section(
                "System design",
                &[
                    ("architecture", "Architecture", "Score"),
                    ("trade_offs", "Trade-offs", "LongText"),
                ],
            ),
        ),
        (
            FormKind::Survey,
            "Candidate Experience Survey",
            true,
            Some("CandidateExperience"),
            section(
                "Your experience",
                &[("experience_rating", "How was your interview?", "Score")],
            ),
        ),
        (
            FormKind::Survey,
            "EEOC Self-Identification",
            false,
            Some("EEOC"),
            section(
                "Voluntary self-identification",
                &[("gender", "Gender", "ValueSelect")],
            ),
        ),
    ];
    let count = forms.len();
    for (kind, title, is_default, survey_type, definition) in forms {
        form_definition::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(at.now),
            updated_at: Set(at.now),
            change_seq: Set(at.write.change),
            kind: Set(kind.as_str().into()),
            title: Set(title.into()),
            is_archived: Set(false),
            is_default_form: Set(is_default),
            definition: Set(definition),
            survey_type: Set(survey_type.map(Into::into)),
            interview_id: Set(None),
        }
        .insert(&at.write.txn)
        .await?;
    }
    Ok(count)
}

async fn add_templates(at: &Stamp<'_>) -> Result<(), DbErr> {
    for (title, kinds, enabled) in [
        ("Interview Invitation", json!(["email"]), true),
        (
            "Sourcing Outreach",
            json!(["inMail", "linkedInConnection"]),
            true,
        ),
        ("Old Rejection Note", json!(["email"]), false),
    ] {
        communication_template::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(at.now),
            updated_at: Set(at.now),
            change_seq: Set(at.write.change),
            title: Set(title.into()),
            intended_types: Set(kinds),
            is_enabled: Set(enabled),
        }
        .insert(&at.write.txn)
        .await?;
    }
    Ok(())
}

async fn add_brand_and_links(at: &Stamp<'_>, source_id: Uuid) -> Result<(), DbErr> {
    brand::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(at.now),
        updated_at: Set(at.now),
        change_seq: Set(at.write.change),
        name: Set("Ashlar Demo Co".into()),
        hosted_jobs_page_slug: Set("ashlar-demo".into()),
    }
    .insert(&at.write.txn)
    .await?;
    for (code, enabled) in [("rustconf26", true), ("fair24", false)] {
        source_tracking_link::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(at.now),
            updated_at: Set(at.now),
            change_seq: Set(at.write.change),
            code: Set(code.into()),
            enabled: Set(enabled),
            source_id: Set(source_id),
            link: Set(format!(
                "https://jobs.example.com/ashlar-demo?ashby_source={code}"
            )),
        }
        .insert(&at.write.txn)
        .await?;
    }
    Ok(())
}
