//! The demo organisation's candidates: a few hundred people with emails, phones,
//! links, notes (some private) and two resumes written through the file store.

use super::organization::Organization;
use crate::store::candidates::{EMAIL, PHONE};
use crate::store::entities::{candidate, candidate_contact, candidate_note, stored_file, user};
use crate::store::files::FileStore;
use crate::store::WriteTxn;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use uuid::Uuid;

pub const COUNT: usize = 300;

const FIRST: [&str; 24] = [
    "Ada",
    "Alan",
    "Grace",
    "Linus",
    "Margaret",
    "Dennis",
    "Barbara",
    "Ken",
    "Frances",
    "Edsger",
    "Radia",
    "Donald",
    "Shafi",
    "Leslie",
    "Katherine",
    "Tim",
    "Hedy",
    "John",
    "Sophie",
    "Niklaus",
    "Anita",
    "Guido",
    "Yukihiro",
    "Fei-Fei",
];
const LAST: [&str; 25] = [
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Ritchie",
    "Liskov",
    "Thompson",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Knuth",
    "Goldwasser",
    "Lamport",
    "Johnson",
    "Berners-Lee",
    "Lamarr",
    "Backus",
    "Wilson",
    "Wirth",
    "Borg",
    "van Rossum",
    "Matsumoto",
    "Li",
    "Okonjo",
];
/// The `n`th made-up person: first and last names cycle independently, so names
/// repeat only after every pair was used. The seed command draws from it too.
pub fn person_name(n: usize) -> (&'static str, &'static str) {
    (FIRST[n % FIRST.len()], LAST[(n / FIRST.len()) % LAST.len()])
}

const COMPANIES: [&str; 6] = [
    "Initech",
    "Globex",
    "Hooli",
    "Umbrella Labs",
    "Stark Industries",
    "Wayne Enterprises",
];
const NOTES: [&str; 5] = [
    "Strong systems background; wants to grow into a lead role.",
    "Referred by a former colleague. Prefers remote work.",
    "Great conversation about distributed databases.",
    "Asked about relocation support and visa sponsorship.",
    "Follow up in two weeks about timing.",
];
const PRIVATE_NOTE: &str = "Compensation expectations discussed; see the private notes policy.";

pub struct Candidates {
    pub ids: Vec<Uuid>,
    pub notes: usize,
    pub resumes: usize,
}

pub async fn load(
    write: &WriteTxn,
    files: &FileStore,
    org: &Organization,
    now: DateTime<Utc>,
) -> anyhow::Result<Candidates> {
    let users = user::Entity::find().all(&write.txn).await?;
    let mut rows = Vec::new();
    let mut contacts = Vec::new();
    let mut notes = Vec::new();
    let mut ids = Vec::new();
    for i in 0..COUNT {
        let id = Uuid::now_v7();
        ids.push(id);
        let (first, last) = person_name(i);
        let name = format!("{first} {last}");
        let handle = format!("{first}.{last}{i}")
            .to_lowercase()
            .replace([' ', '-'], "");
        let created = now - Duration::hours(13 * (COUNT - i) as i64);
        let links = if i % 3 == 0 {
            json!([{"type": "LinkedIn", "url": format!("https://www.linkedin.com/in/{handle}")}])
        } else {
            json!([])
        };
        rows.push(candidate::ActiveModel {
            id: Set(id),
            created_at: Set(created),
            updated_at: Set(created),
            change_seq: Set(write.change),
            name_lower: Set(name.to_lowercase()),
            name: Set(name),
            social_links: Set(links),
            position: Set((i % 2 == 0).then(|| "Software Engineer".to_string())),
            company: Set((i % 2 == 0).then(|| COMPANIES[i % COMPANIES.len()].to_string())),
            school: Set(None),
            timezone: Set((i % 4 == 0).then(|| "Europe/London".to_string())),
            location: Set(None),
            source_id: Set(None),
            credited_to_user_id: Set((i % 5 == 0).then(|| org.users[i % org.users.len()])),
            fraud_status: Set(None),
            external_mapping_id: Set(None),
            resume_file_id: Set(None),
            anonymized_at: Set(None),
        });
        let mut contact = |kind: &str, value: String, contact_type: &str, primary, position| {
            contacts.push(candidate_contact::ActiveModel {
                id: Set(Uuid::now_v7()),
                candidate_id: Set(id),
                kind: Set(kind.into()),
                value_lower: Set(value.to_lowercase()),
                value: Set(value),
                contact_type: Set(contact_type.into()),
                is_primary: Set(primary),
                position: Set(position),
            })
        };
        contact(EMAIL, format!("{handle}@example.net"), "Personal", true, 0);
        if i % 7 == 0 {
            contact(
                EMAIL,
                format!("{handle}@work.example.com"),
                "Work",
                false,
                1,
            );
        }
        if i % 2 == 1 {
            contact(PHONE, format!("+1 415 555 {:04}", i), "Personal", true, 0);
        }
        for n in 0..(i % 3) {
            let author = &users[(i + n) % users.len()];
            let private = (i + n) % 5 == 0;
            notes.push(candidate_note::ActiveModel {
                id: Set(Uuid::now_v7()),
                created_at: Set(created + Duration::hours(n as i64 + 1)),
                updated_at: Set(created + Duration::hours(n as i64 + 1)),
                change_seq: Set(write.change),
                candidate_id: Set(id),
                content: Set(if private {
                    PRIVATE_NOTE.into()
                } else {
                    NOTES[(i + n) % NOTES.len()].into()
                }),
                is_private: Set(private),
                author_id: Set(author.id),
                author_first_name: Set(author.first_name.clone()),
                author_last_name: Set(author.last_name.clone()),
                author_email: Set(Some(author.email.clone())),
            });
        }
    }
    let note_count = notes.len();
    for chunk in rows.chunks(100) {
        candidate::Entity::insert_many(chunk.to_vec())
            .exec(&write.txn)
            .await?;
    }
    for chunk in contacts.chunks(200) {
        candidate_contact::Entity::insert_many(chunk.to_vec())
            .exec(&write.txn)
            .await?;
    }
    for chunk in notes.chunks(200) {
        candidate_note::Entity::insert_many(chunk.to_vec())
            .exec(&write.txn)
            .await?;
    }
    let resumes = [
        (
            ids[0],
            "resume.txt",
            "text/plain",
            text_resume(FIRST[0], LAST[0]),
        ),
        (
            ids[1],
            "resume.pdf",
            "application/pdf",
            pdf_resume(FIRST[1], LAST[0]),
        ),
    ];
    for (candidate_id, name, content_type, bytes) in &resumes {
        attach_resume(write, files, *candidate_id, name, content_type, bytes, now).await?;
    }
    Ok(Candidates {
        ids,
        notes: note_count,
        resumes: resumes.len(),
    })
}

async fn attach_resume(
    write: &WriteTxn,
    files: &FileStore,
    candidate_id: Uuid,
    name: &str,
    content_type: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let id = Uuid::now_v7();
    files.put(id, bytes).await?;
    stored_file::Entity::insert(stored_file::ActiveModel {
        id: Set(id),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        candidate_id: Set(Some(candidate_id)),
        name: Set(name.into()),
        content_type: Set(content_type.into()),
        size_bytes: Set(bytes.len() as i64),
        context: Set("CandidateResume".into()),
        uploaded_at: Set(Some(now)),
    })
    .exec(&write.txn)
    .await?;
    candidate::Entity::update_many()
        .col_expr(candidate::Column::ResumeFileId, Expr::value(Some(id)))
        .filter(candidate::Column::Id.eq(candidate_id))
        .exec(&write.txn)
        .await?;
    Ok(())
}

fn text_resume(first: &str, last: &str) -> Vec<u8> {
    format!(
        "{first} {last}\n\nExperience\n- Staff Engineer, Initech (2019-now)\n- Engineer, Globex (2014-2019)\n\nSkills: Rust, PostgreSQL, distributed systems\n"
    )
    .into_bytes()
}

/// A one-page PDF with the name as its only text.
fn pdf_resume(first: &str, last: &str) -> Vec<u8> {
    let text = format!("BT /F1 24 Tf 72 720 Td ({first} {last} - Resume) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{object}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        pdf.push_str(&format!("{offset:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf.into_bytes()
}
