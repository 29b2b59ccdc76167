//! Who calls: the account behind a request, resolved once from its session, and the typed
//! roles use cases take. A use case that takes an [`Organizer`] cannot run for anyone else: the
//! one role check is [`authorize`], applied when the typed caller is made.

use crate::{auth::CurrentUser, error::AppError};
use domain::Role;
use sea_orm::DatabaseConnection;
use tower_sessions::Session;

/// Who sent a request, resolved once per request from its session (by the server's middleware)
/// and kept in the request's extensions, where server functions, pages and plain routes read it.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: store::entity::user::Model,
    pub current: CurrentUser,
}

/// The request's caller as resolved by the middleware: `None` when signed out.
#[derive(Debug, Clone, Default)]
pub struct Identified(pub Option<Caller>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Identified {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Identified>().cloned().unwrap_or_default())
    }
}

/// Looks up the signed-in account of `session` (one query with its unit) and keeps the session
/// alive; remembered for a few seconds (see [`super::callers`]). A disabled or deleted account
/// counts as signed out.
pub async fn resolve_caller(db: &DatabaseConnection, session: &Session) -> Result<Option<Caller>, AppError> {
    // The id comes from the cookie: a caller remembered under it needs no query at all.
    if let Some(sid) = session.id()
        && let Some(caller) = super::callers::get(&sid)
    {
        return Ok(Some(caller));
    }
    let caller = look_up_caller(db, session).await?;
    if let (Some(sid), Some(caller)) = (session.id(), &caller) {
        super::callers::put(sid, caller.clone());
    }
    Ok(caller)
}

/// [`resolve_caller`] without the memory: the session, then the account with its unit.
async fn look_up_caller(db: &DatabaseConnection, session: &Session) -> Result<Option<Caller>, AppError> {
    let Some(id) = session.get::<i32>(store::session_store::USER_ID_KEY).await.map_err(|e| {
        tracing::error!(error = %e, "session load failed");
        AppError::Internal
    })?
    else {
        return Ok(None);
    };
    let slot = crate::ssr::seen_slot();
    if session.get::<i64>(crate::ssr::SEEN_KEY).await.ok().flatten() != Some(slot) {
        // Best effort: a failed touch only means the session expires a little earlier.
        let _ = session.insert(crate::ssr::SEEN_KEY, slot).await;
    }
    let Some((user, unit_name)) = store::accounts::find_with_unit(db, id).await.map_err(|e| {
        tracing::error!(error = %e, "user lookup failed");
        AppError::Internal
    })?
    else {
        return Ok(None);
    };
    if user.disabled {
        return Ok(None);
    }
    Ok(CurrentUser::from_model(user.clone(), unit_name).map(|current| Caller { user, current }))
}

/// The one role check: the caller if their role is one of `roles`; otherwise 401 (signed out)
/// or 403.
pub fn authorize(caller: Option<&Caller>, roles: &[Role]) -> Result<Caller, AppError> {
    match caller {
        None => Err(AppError::Unauthorized),
        Some(c) if roles.contains(&c.current.role) => Ok(c.clone()),
        Some(c) => {
            tracing::warn!(user_id = c.current.id, role = %c.current.role, "forbidden");
            Err(AppError::Forbidden)
        }
    }
}

/// A caller known to have one of the roles a use case needs.
pub trait TypedCaller: Sized {
    /// Roles that may act as this caller.
    const ROLES: &'static [Role];
    /// Wraps a caller whose role was checked.
    fn from_checked(caller: Caller) -> Result<Self, AppError>;

    /// The caller as this type: 401 when signed out, 403 without the role.
    fn authorize(caller: Option<&Caller>) -> Result<Self, AppError> {
        authorize(caller, Self::ROLES).and_then(Self::from_checked)
    }
}

macro_rules! typed_caller {
    ($(#[$doc:meta])* $name:ident: $($role:ident)|+) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name(pub Caller);

        impl $name {
            /// The account's id.
            pub fn id(&self) -> i32 {
                self.0.user.id
            }

            /// The account row.
            pub fn user(&self) -> &store::entity::user::Model {
                &self.0.user
            }
        }

        impl TypedCaller for $name {
            const ROLES: &'static [Role] = &[$(Role::$role),+];
            fn from_checked(caller: Caller) -> Result<Self, AppError> {
                Ok(Self(caller))
            }
        }
    };
}

typed_caller!(
    /// A member of the organizing board.
    Organizer: Organizer
);
typed_caller!(
    /// A civil servant taking the online rounds.
    Contestant: Contestant
);
typed_caller!(
    /// A judge of the final (the head judge and the reserve included).
    Judge: Judge
);
typed_caller!(
    /// Whoever keeps time on stage: the secretary, or an organizer standing in.
    Timekeeper: Secretary | Organizer
);
typed_caller!(
    /// A team's device in the live round.
    TeamDevice: Team
);

/// The head judge or an organizer: who reviews divergences, unlocks sheets and locks parts.
#[derive(Debug, Clone)]
pub struct Supervisor(pub Caller);

impl Supervisor {
    pub fn id(&self) -> i32 {
        self.0.user.id
    }

    /// Whether this is the head judge (not an organizer).
    pub fn is_head_judge(&self) -> bool {
        self.0.current.role == Role::Judge
    }
}

impl TypedCaller for Supervisor {
    const ROLES: &'static [Role] = &[Role::Judge, Role::Organizer];
    fn from_checked(caller: Caller) -> Result<Self, AppError> {
        if caller.current.role == Role::Judge && !caller.user.is_head_judge {
            tracing::warn!(user_id = caller.user.id, "forbidden: not the head judge");
            return Err(AppError::Forbidden);
        }
        Ok(Self(caller))
    }
}

/// Who may call a server function, by its endpoint: checked before its arguments are read, so a
/// caller without the role learns nothing from them (the function checks again, with the
/// finer rules such as "head judge").
pub fn endpoint_roles(endpoint: &str) -> Option<&'static [Role]> {
    use Role::*;
    const PUBLIC: [&str; 17] = [
        "current-user",
        "login",
        "logout",
        "register",
        "unit-choices",
        "schedule",
        "results/round",
        "results/all-rounds",
        "results/stage",
        "results/projector",
        "results/version",
        "live/projector",
        "rules/final",
        // The audience in the hall: phones vote and answer without an account.
        "audience/phone",
        "audience/vote",
        "audience/answer",
        "audience/tally",
    ];
    if PUBLIC.contains(&endpoint) {
        return None;
    }
    let (area, rest) = endpoint.split_once('/').unwrap_or((endpoint, ""));
    Some(match (area, rest) {
        ("contestant", _) | ("results", "mine") => &[Contestant],
        ("judge", _) => &[Judge],
        ("secretary", _) => &[Secretary, Organizer],
        ("stage", "part" | "part/lock" | "sheet/unlock" | "divergence/review") => &[Judge, Organizer],
        ("live", "team" | "answer") => &[Team],
        ("organizer" | "stage" | "results" | "live", _) => &[Organizer],
        // Anything new is for signed-in organizers until it says otherwise.
        _ => &[Organizer],
    })
}
