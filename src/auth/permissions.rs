//! Modules and access levels: the vocabulary of key grants.

use std::fmt;
use std::str::FromStr;

/// A permission module, as Ashby's key settings group endpoints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Module {
    Jobs,
    Candidates,
    Interviews,
    HiringProcessMetadata,
    Organization,
    Offers,
    ApiKeys,
    Approvals,
    Reports,
    Notetaker,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Access {
    Read,
    Write,
}

impl Module {
    pub const ALL: [Module; 10] = [
        Module::Jobs,
        Module::Candidates,
        Module::Interviews,
        Module::HiringProcessMetadata,
        Module::Organization,
        Module::Offers,
        Module::ApiKeys,
        Module::Approvals,
        Module::Reports,
        Module::Notetaker,
    ];

    /// The identifier used in permission names and scopes (`hiringProcessMetadata`).
    pub fn id(self) -> &'static str {
        match self {
            Module::Jobs => "jobs",
            Module::Candidates => "candidates",
            Module::Interviews => "interviews",
            Module::HiringProcessMetadata => "hiringProcessMetadata",
            Module::Organization => "organization",
            Module::Offers => "offers",
            Module::ApiKeys => "apiKeys",
            Module::Approvals => "approvals",
            Module::Reports => "reports",
            Module::Notetaker => "notetaker",
        }
    }

    /// The name Ashby's admin screens show.
    pub fn label(self) -> &'static str {
        match self {
            Module::Jobs => "Jobs",
            Module::Candidates => "Candidates",
            Module::Interviews => "Interviews",
            Module::HiringProcessMetadata => "Hiring Process",
            Module::Organization => "Organization",
            Module::Offers => "Offers",
            Module::ApiKeys => "API Keys",
            Module::Approvals => "Approvals",
            Module::Reports => "Reports",
            Module::Notetaker => "Notetaker",
        }
    }

    /// `candidatesWrite`, the name Ashby's reference pages give a permission.
    pub fn permission(self, access: Access) -> String {
        format!("{}{}", self.id(), access.suffix())
    }
}

impl Access {
    pub const ALL: [Access; 2] = [Access::Read, Access::Write];

    fn suffix(self) -> &'static str {
        match self {
            Access::Read => "Read",
            Access::Write => "Write",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Access::Read => "read",
            Access::Write => "write",
        }
    }
}

impl FromStr for Module {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Module::ALL
            .into_iter()
            .find(|m| m.id().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let names: Vec<&str> = Module::ALL.iter().map(|m| m.id()).collect();
                format!("unknown module `{s}`; expected one of {}", names.join(", "))
            })
    }
}

/// One grant: read or write on a module. Written `candidates:read`, the scope form
/// `apiKey.info` reports. A write grant does not imply read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Grant {
    pub module: Module,
    pub access: Access,
}

impl fmt::Display for Grant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.module.id(), self.access.id())
    }
}

impl FromStr for Grant {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (module, access) = s
            .split_once(':')
            .ok_or_else(|| format!("grant `{s}` must look like MODULE:read or MODULE:write"))?;
        let access = match access {
            "read" => Access::Read,
            "write" => Access::Write,
            other => return Err(format!("unknown access `{other}`; expected read or write")),
        };
        Ok(Grant {
            module: module.parse()?,
            access,
        })
    }
}

/// Every grant there is: what `--all` gives.
pub fn all_grants() -> Vec<Grant> {
    Module::ALL
        .into_iter()
        .flat_map(|module| Access::ALL.map(|access| Grant { module, access }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grant_round_trips_through_its_scope_string() {
        for grant in all_grants() {
            assert_eq!(grant.to_string().parse::<Grant>(), Ok(grant));
        }
        assert_eq!(
            Module::HiringProcessMetadata.permission(Access::Write),
            "hiringProcessMetadataWrite"
        );
        assert!("jobs:delete".parse::<Grant>().is_err());
        assert!("payroll:read".parse::<Grant>().is_err());
    }
}
