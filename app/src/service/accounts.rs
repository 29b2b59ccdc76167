//! The accounts use cases.

#[allow(unused_imports)]
use crate::service::caller::*;
#[allow(unused_imports)]
use crate::wire::accounts::*;
use crate::{error::AppError, ssr::AppState};
#[allow(unused_imports)]
use domain::{
    Difficulty, Kind, Role, UnitGroup,
    contest::round::{Phase, ReviewPolicy},
    results::prizes::PrizeCounts,
    stage::rubric::PartRules,
};

pub async fn list_accounts(
    state: &AppState,
    _me: &Organizer,
    q: Option<String>,
    role: Option<String>,
    unit: Option<i32>,
    page: Option<u64>,
) -> Result<AccountList, AppError> {
    use domain::text::search_terms;
    let page = page.unwrap_or(0).min(crate::ssr::MAX_PAGE);
    let filter = store::accounts::UserFilter {
        role: role.as_deref().and_then(|r| r.parse().ok()),
        unit_id: unit,
        search: search_terms(q.as_deref().unwrap_or_default())
            .map_err(|e| AppError::invalid(e.to_string()))?,
        page,
        per_page: PER_PAGE,
    };
    let (rows, total) = store::accounts::list(&state.db.clone(), &filter).await?;
    let rows = rows
        .into_iter()
        .map(|r| AccountRow {
            id: r.user.id,
            role: r.user.role,
            full_name: r.user.full_name,
            login: r.user.login,
            unit_name: r.unit_name,
            is_head_judge: r.user.is_head_judge,
            is_reserve_judge: r.user.is_reserve_judge,
            disabled: r.user.disabled,
        })
        .collect();
    Ok(AccountList { rows, total, page })
}

// One argument per field of the form it serves (the form works without JavaScript).
#[allow(clippy::too_many_arguments)]
pub async fn create_account(
    state: &AppState,
    by: &Organizer,
    full_name: String,
    login: String,
    role: String,
    unit_id: Option<String>,
    password: String,
    head_judge: Option<String>,
    reserve_judge: Option<String>,
) -> Result<(), AppError> {
    use domain::{FullName, Password};
    let role: Role = role.parse().map_err(|_| AppError::invalid("Vai trò không hợp lệ."))?;
    let full_name = FullName::parse(&full_name)?;
    let login = store::accounts::normalize_login(&login);
    if login.chars().count() < 3 || login.contains(char::is_whitespace) {
        return Err(AppError::invalid("Tên đăng nhập phải có ít nhất 3 ký tự và không có dấu cách."));
    }
    let unit_id = match unit_id.filter(|u| !u.is_empty()) {
        Some(u) => Some(u.parse::<i32>().map_err(|_| AppError::invalid("Đơn vị không hợp lệ."))?),
        None => None,
    };
    let password = Password::parse(password)?;
    let db = state.db.clone();
    if let Some(id) = unit_id {
        store::units::find(&db, id).await?.ok_or_else(|| AppError::invalid("Đơn vị không tồn tại."))?;
    }
    let password_hash = store::password::hash(&password).await?;
    let is_judge = role == Role::Judge;
    let user = store::accounts::create(
        &db,
        store::accounts::NewUser {
            login,
            full_name,
            role,
            unit_id,
            is_head_judge: is_judge && head_judge.is_some(),
            is_reserve_judge: is_judge && reserve_judge.is_some(),
            password_hash,
        },
    )
    .await?;
    tracing::info!(by = by.id(), user_id = user.id, role = %role, "account created");
    Ok(())
}

pub async fn set_account_disabled(
    state: &AppState,
    by: &Organizer,
    id: i32,
    disabled: bool,
) -> Result<(), AppError> {
    if by.id() == id {
        return Err(AppError::invalid("Không thể tự khoá tài khoản của mình."));
    }
    store::accounts::set_disabled(&state.db.clone(), id, disabled).await?;
    super::callers::forget_user_everywhere(state, id).await;
    tracing::info!(by = by.id(), user_id = id, disabled, "account status changed");
    Ok(())
}

/// Gives an account a new generated password and returns it once, for the organizer to hand out.
pub async fn reset_password(state: &AppState, by: &Organizer, id: i32) -> Result<String, AppError> {
    let password = store::roster::generate_password();
    let secret = domain::Password::parse(password.clone())?;
    let hash = store::password::hash(&secret).await?;
    let db = state.db.clone();
    store::accounts::set_password_hash(&db, id, hash).await?;
    // Whoever signed in with the old password is signed out everywhere.
    let ended = store::session_store::end_sessions_of(&db, id).await?;
    super::callers::forget_user_everywhere(state, id).await;
    tracing::info!(by = by.id(), user_id = id, sessions_ended = ended, "password reset");
    Ok(password)
}

pub async fn organizer_overview(state: &AppState, _me: &Organizer) -> Result<Overview, AppError> {
    let db = state.db.clone();
    let units = store::units::list(&db).await?;
    let accounts = store::accounts::count_by_role(&db).await?;
    Ok(Overview {
        units: units.len(),
        headcount: units.iter().map(|u| i64::from(u.headcount)).sum(),
        accounts,
    })
}
