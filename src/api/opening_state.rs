//! The states an opening moves through, and which moves `opening.setOpeningState`
//! and `opening.create` allow.

use crate::error::ApiError;
use crate::store::entities::opening;
use chrono::{DateTime, Utc};
use sea_orm::Set;
use uuid::Uuid;

/// An opening's state. `Filled` is reached by hiring, never set through the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpeningState {
    Draft,
    Approved,
    Open,
    Closed,
    Filled,
}

impl OpeningState {
    pub fn as_str(self) -> &'static str {
        match self {
            OpeningState::Draft => "Draft",
            OpeningState::Approved => "Approved",
            OpeningState::Open => "Open",
            OpeningState::Closed => "Closed",
            OpeningState::Filled => "Filled",
        }
    }

    pub fn stored(value: &str) -> OpeningState {
        match value {
            "Approved" => OpeningState::Approved,
            "Open" => OpeningState::Open,
            "Closed" => OpeningState::Closed,
            "Filled" => OpeningState::Filled,
            _ => OpeningState::Draft,
        }
    }

    /// A state a client may ask for.
    pub fn settable(value: &str) -> Result<OpeningState, ApiError> {
        match value {
            "Draft" => Ok(OpeningState::Draft),
            "Approved" => Ok(OpeningState::Approved),
            "Open" => Ok(OpeningState::Open),
            "Closed" => Ok(OpeningState::Closed),
            other => Err(ApiError::invalid_input(format!(
                "`openingState` cannot be `{other}`; use Draft, Approved, Open or Closed."
            ))),
        }
    }

    /// Draft and Approved openings can move anywhere; open ones can only close;
    /// closed ones can reopen or go back to draft; filled ones stay filled.
    pub fn may_become(self, next: OpeningState) -> bool {
        use OpeningState::*;
        matches!(
            (self, next),
            (Draft, Approved | Open | Closed)
                | (Approved, Draft | Open | Closed)
                | (Open, Closed)
                | (Closed, Open | Draft)
        )
    }

    /// What entering this state needs: an open opening must be fillable through a job.
    pub fn check_entry(self, job_count: usize) -> Result<(), ApiError> {
        if self == OpeningState::Open && job_count == 0 {
            return Err(ApiError::new(
                "opening_state_invalid",
                "An opening needs at least one job before it can be opened; add one with opening.addJob.",
            ));
        }
        Ok(())
    }

    /// Records the state and its times on the row.
    pub fn stamp(self, row: &mut opening::ActiveModel, reason: Option<Uuid>, now: DateTime<Utc>) {
        row.opening_state = Set(self.as_str().into());
        match self {
            OpeningState::Open => {
                row.opened_at = Set(Some(now));
                row.closed_at = Set(None);
                row.close_reason_id = Set(None);
            }
            OpeningState::Closed => {
                row.closed_at = Set(Some(now));
                row.close_reason_id = Set(reason);
            }
            _ => row.close_reason_id = Set(None),
        }
    }
}
