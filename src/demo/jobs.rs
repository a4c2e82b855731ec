//! The demo organisation's hiring: interview plans, ten jobs in several states
//! (one confidential) with postings on the `careers` board, openings, hiring teams,
//! a job template and two projects.

use super::organization::Organization;
use crate::api::compensation::{self, Component, Tier};
use crate::api::posting_parts::plain_text;
use crate::store::entities::{
    hiring_team_member, hiring_team_role, job, job_board, job_interview_plan, job_location,
    job_posting, job_template, opening, opening_job, opening_location, project,
};
use crate::store::{interview_plans, WriteTxn};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// What the demo's hiring amounts to, for the summary line.
pub struct Hiring {
    pub jobs: usize,
    pub open_jobs: usize,
    pub openings: usize,
    pub plans: usize,
    pub board: String,
}

struct DemoJob {
    title: &'static str,
    department: usize,
    location: usize,
    /// Index into the plans made below.
    plan: usize,
    status: &'static str,
    confidential: bool,
    employment: &'static str,
    /// Yearly salary range in thousands of USD, shown on the board when set.
    salary: Option<(f64, f64)>,
    secondary_location: Option<usize>,
}

const fn demo_job(
    title: &'static str,
    department: usize,
    location: usize,
    plan: usize,
    status: &'static str,
) -> DemoJob {
    DemoJob {
        title,
        department,
        location,
        plan,
        status,
        confidential: false,
        employment: "FullTime",
        salary: None,
        secondary_location: None,
    }
}

fn jobs() -> [DemoJob; 10] {
    [
        DemoJob {
            salary: Some((160.0, 210.0)),
            secondary_location: Some(4),
            ..demo_job("Senior Backend Engineer", 0, 0, 0, "Open")
        },
        DemoJob {
            salary: Some((150.0, 190.0)),
            ..demo_job("Site Reliability Engineer", 1, 3, 0, "Open")
        },
        DemoJob {
            salary: Some((130.0, 165.0)),
            secondary_location: Some(2),
            ..demo_job("Product Designer", 2, 1, 2, "Open")
        },
        DemoJob {
            salary: Some((90.0, 120.0)),
            ..demo_job("Account Executive", 3, 1, 1, "Open")
        },
        demo_job("Customer Success Manager", 4, 2, 1, "Open"),
        DemoJob {
            employment: "Intern",
            ..demo_job("Engineering Intern", 0, 0, 0, "Draft")
        },
        demo_job("Sales Development Representative", 3, 4, 1, "Closed"),
        DemoJob {
            employment: "Contract",
            ..demo_job("Technical Recruiter", 5, 2, 2, "Closed")
        },
        demo_job("Data Analyst", 2, 3, 2, "Archived"),
        DemoJob {
            confidential: true,
            salary: Some((250.0, 320.0)),
            ..demo_job("VP of Engineering", 0, 0, 0, "Open")
        },
    ]
}

const PLANS: [(&str, &[(&str, &str)]); 3] = [
    (
        "Engineering Interview Plan",
        &[
            ("New Lead", "Lead"),
            ("Application Review", "PreInterviewScreen"),
            ("Recruiter Screen", "Active"),
            ("Technical Interview", "Active"),
            ("Onsite", "Active"),
            ("Offer", "Offer"),
            ("Hired", "Hired"),
            ("Archived", "Archived"),
        ],
    ),
    (
        "Sales Interview Plan",
        &[
            ("Application Review", "PreInterviewScreen"),
            ("Hiring Manager Call", "Active"),
            ("Mock Pitch", "Active"),
            ("Offer", "Offer"),
            ("Hired", "Hired"),
            ("Archived", "Archived"),
        ],
    ),
    (
        "General Interview Plan",
        &[
            ("Application Review", "PreInterviewScreen"),
            ("Interview", "Active"),
            ("Offer", "Offer"),
            ("Hired", "Hired"),
            ("Archived", "Archived"),
        ],
    ),
];

pub async fn load(
    write: &WriteTxn,
    org: &Organization,
    now: DateTime<Utc>,
) -> Result<Hiring, DbErr> {
    let mut plans = Vec::new();
    for (title, stages) in PLANS {
        plans.push(interview_plans::create(write, title, stages).await?);
    }
    let board = job_board::Entity::find()
        .filter(job_board::Column::IsInternal.eq(false))
        .one(&write.txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the default job board".into()))?;
    let roles = role_ids(write).await?;
    let mut job_ids = Vec::new();
    let mut open_jobs = 0;
    for (i, spec) in jobs().iter().enumerate() {
        let id = insert_job(write, org, &plans, spec, i, now).await?;
        insert_posting(write, &board, id, spec, now).await?;
        if let Some(location) = spec.secondary_location {
            job_location::ActiveModel {
                job_id: Set(id),
                location_id: Set(org.locations[location]),
            }
            .insert(&write.txn)
            .await?;
        }
        // A hiring manager and a recruiter from the demo users.
        let manager = org.users[1 + i % 6];
        let recruiter = org.users[7 + i % 4];
        for (user, role) in [(manager, "Hiring Manager"), (recruiter, "Recruiter")] {
            add_member(write, user, roles[role], Some(id), None, now).await?;
        }
        open_jobs += usize::from(spec.status == "Open");
        job_ids.push(id);
    }
    let openings = insert_openings(write, org, &job_ids, &roles, now).await?;
    insert_template(write, org, plans[0], now).await?;
    for (title, confidential) in [
        ("Staff engineers pipeline", false),
        ("Executive search", true),
    ] {
        project::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(now),
            updated_at: Set(now),
            change_seq: Set(write.change),
            title: Set(title.into()),
            description: Set(Some(format!("Demo project: {title}."))),
            is_archived: Set(false),
            confidential: Set(confidential),
            author_id: Set(Some(org.users[0])),
        }
        .insert(&write.txn)
        .await?;
    }
    Ok(Hiring {
        jobs: job_ids.len(),
        open_jobs,
        openings,
        plans: plans.len() + 1,
        board: board.slug,
    })
}

async fn role_ids(write: &WriteTxn) -> Result<std::collections::HashMap<String, Uuid>, DbErr> {
    Ok(hiring_team_role::Entity::find()
        .all(&write.txn)
        .await?
        .into_iter()
        .map(|r| (r.title, r.id))
        .collect())
}

async fn insert_job(
    write: &WriteTxn,
    org: &Organization,
    plans: &[Uuid],
    spec: &DemoJob,
    index: usize,
    now: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    let id = Uuid::now_v7();
    let created = now - Duration::days(60 - index as i64 * 5);
    let opened = (spec.status != "Draft").then(|| created + Duration::days(2));
    let closed = matches!(spec.status, "Closed" | "Archived").then(|| now - Duration::days(3));
    let tiers: Vec<Tier> = spec
        .salary
        .map(|(min, max)| {
            vec![Tier {
                id: Uuid::now_v7(),
                title: None,
                additional_information: None,
                components: vec![Component {
                    id: Uuid::now_v7(),
                    compensation_type: "Salary".into(),
                    interval: "1 YEAR".into(),
                    currency_code: Some("USD".into()),
                    label: None,
                    min_value: Some(min * 1000.0),
                    max_value: Some(max * 1000.0),
                }],
            }]
        })
        .unwrap_or_default();
    let plan = plans[spec.plan];
    job::ActiveModel {
        id: Set(id),
        created_at: Set(created),
        updated_at: Set(now),
        change_seq: Set(write.change),
        title: Set(spec.title.into()),
        title_lower: Set(spec.title.to_lowercase()),
        status: Set(spec.status.into()),
        confidential: Set(spec.confidential),
        employment_type: Set(spec.employment.into()),
        department_id: Set(org.departments[spec.department]),
        location_id: Set(org.locations[spec.location]),
        default_interview_plan_id: Set(Some(plan)),
        job_template_id: Set(None),
        custom_requisition_id: Set(Some(format!("REQ-{:03}", 100 + index))),
        brand_id: Set(None),
        author_id: Set(Some(org.users[0])),
        compensation_tiers: Set(compensation::to_json(&tiers)),
        opened_at: Set(opened),
        closed_at: Set(closed),
    }
    .insert(&write.txn)
    .await?;
    job_interview_plan::ActiveModel {
        job_id: Set(id),
        interview_plan_id: Set(plan),
    }
    .insert(&write.txn)
    .await?;
    Ok(id)
}

async fn insert_posting(
    write: &WriteTxn,
    board: &job_board::Model,
    job_id: Uuid,
    spec: &DemoJob,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let html = format!(
        "<p>We are hiring a {} to join us.</p><ul><li>Work with a kind, focused team</li><li>Ship things people use</li></ul>",
        spec.title
    );
    job_posting::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        job_id: Set(job_id),
        job_board_id: Set(board.id),
        title: Set(spec.title.into()),
        description_plain: Set(plain_text(&html)),
        description_html: Set(html),
        description_social: Set(Some(format!("Join us as a {}.", spec.title))),
        is_listed: Set(true),
        is_published: Set(spec.status != "Draft"),
        published_at: Set((spec.status != "Draft").then(|| now - Duration::days(20))),
        workplace_type: Set(None),
        suppress_description_opening: Set(false),
        suppress_description_closing: Set(false),
        should_display_compensation: Set(spec.salary.is_some()),
        application_deadline: Set(None),
    }
    .insert(&write.txn)
    .await?;
    Ok(())
}

async fn add_member(
    write: &WriteTxn,
    user: Uuid,
    role: Uuid,
    job_id: Option<Uuid>,
    opening_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    hiring_team_member::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        user_id: Set(user),
        role_id: Set(role),
        job_id: Set(job_id),
        opening_id: Set(opening_id),
        application_id: Set(None),
    }
    .insert(&write.txn)
    .await?;
    Ok(())
}

/// One opening per job, in a state that fits the job, and one filled backfill.
async fn insert_openings(
    write: &WriteTxn,
    org: &Organization,
    job_ids: &[Uuid],
    roles: &std::collections::HashMap<String, Uuid>,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let specs = jobs();
    let mut count = 0;
    for (i, (job_id, spec)) in job_ids.iter().zip(specs.iter()).enumerate() {
        let state = match spec.status {
            "Open" => "Open",
            "Draft" => "Draft",
            "Closed" if i % 2 == 0 => "Filled",
            _ => "Closed",
        };
        let id = Uuid::now_v7();
        let identifier = format!("OPN-{:03}", i + 1);
        opening::ActiveModel {
            id: Set(id),
            created_at: Set(now),
            updated_at: Set(now),
            change_seq: Set(write.change),
            identifier_lower: Set(identifier.to_lowercase()),
            identifier: Set(identifier),
            description: Set(format!("Headcount for {}", spec.title)),
            department_id: Set(Some(org.departments[spec.department])),
            target_hire_date: Set(Some(
                (now + Duration::days(45)).format("%Y-%m-%d").to_string(),
            )),
            target_start_date: Set(None),
            is_backfill: Set(i % 4 == 3),
            employment_type: Set(spec.employment.into()),
            opening_state: Set(state.into()),
            is_archived: Set(spec.status == "Archived"),
            archived_at: Set((spec.status == "Archived").then_some(now)),
            opened_at: Set((state != "Draft").then(|| now - Duration::days(30))),
            closed_at: Set(matches!(state, "Closed" | "Filled").then(|| now - Duration::days(3))),
            close_reason_id: Set(None),
            author_id: Set(Some(org.users[0])),
            version_id: Set(Uuid::now_v7()),
            version_created_at: Set(now),
        }
        .insert(&write.txn)
        .await?;
        opening_job::ActiveModel {
            opening_id: Set(id),
            job_id: Set(*job_id),
        }
        .insert(&write.txn)
        .await?;
        opening_location::ActiveModel {
            opening_id: Set(id),
            location_id: Set(org.locations[spec.location]),
        }
        .insert(&write.txn)
        .await?;
        add_member(
            write,
            org.users[2],
            roles["Coordinator"],
            None,
            Some(id),
            now,
        )
        .await?;
        count += 1;
    }
    Ok(count)
}

async fn insert_template(
    write: &WriteTxn,
    org: &Organization,
    plan: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    job_template::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        title: Set("Software Engineer".into()),
        status: Set("Active".into()),
        department_id: Set(Some(org.departments[0])),
        location_id: Set(Some(org.locations[0])),
        default_interview_plan_id: Set(Some(plan)),
        employment_type: Set("FullTime".into()),
    }
    .insert(&write.txn)
    .await?;
    Ok(())
}
