//! `referralForm.info`: the form employees refer candidates with.

use super::{form, Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::form_definition::FormKind;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct InfoRequest {}

/// `referralForm.info`: the default referral form, which migration m0003 seeds.
pub async fn info(ctx: Ctx, _: InfoRequest) -> Result<Reply, ApiError> {
    form::default_form(&ctx, FormKind::Referral)
        .await?
        .ok_or_else(|| {
            ApiError::new(
                "referral_form_not_found",
                "This organisation has no active default referral form.",
            )
        })
}
