//! The archive/restore rule shared by departments, locations, tags and pools:
//! only an active record can be archived, and only an archived one restored.

use crate::error::ApiError;
use uuid::Uuid;

/// Refuses moving `thing` into the state it is already in.
pub fn check_transition(
    thing: &str,
    id: Uuid,
    is_archived: bool,
    archive: bool,
) -> Result<(), ApiError> {
    let label = thing.replace('_', " ");
    match (is_archived, archive) {
        (true, true) => Err(ApiError::new(
            format!("{thing}_already_archived"),
            format!("The {label} {id} is already archived."),
        )),
        (false, false) => Err(ApiError::new(
            format!("{thing}_not_archived"),
            format!("The {label} {id} is not archived, so there is nothing to restore."),
        )),
        _ => Ok(()),
    }
}

/// Refuses changes to an archived record other than restoring it.
pub fn refuse_if_archived(thing: &str, id: Uuid, is_archived: bool) -> Result<(), ApiError> {
    if is_archived {
        return Err(ApiError::new(
            format!("{thing}_archived"),
            format!(
                "The {} {id} is archived; restore it first.",
                thing.replace('_', " ")
            ),
        ));
    }
    Ok(())
}
