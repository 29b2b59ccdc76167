use super::OrganizerNav;
pub use crate::wire::accounts::*;
use crate::{
    auth::{UnitChoice, unit_choices},
    components::{
        forms::{ActionError, ActionSuccess},
        outcome::outcome,
    },
    error::AppError,
};
use domain::{Role, text::format_number};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const TITLE: &str = "Tài khoản";
const SEARCH: &str = "Tìm theo tên, email hoặc số điện thoại";
const ROLE: &str = "Vai trò";
const UNIT: &str = "Đơn vị";
const ALL: &str = "Tất cả";
const FILTER: &str = "Lọc";
const NAME: &str = "Họ và tên";
const LOGIN: &str = "Tên đăng nhập";
const STATUS: &str = "Trạng thái";
const ACTIVE: &str = "Đang hoạt động";
const DISABLED: &str = "Đã khoá";
const LOCK: &str = "Khoá";
const UNLOCK: &str = "Mở khoá";
const RESET: &str = "Cấp lại mật khẩu";
const NEW_PASSWORD: &str = "Mật khẩu mới (hãy gửi cho người dùng):";
const ADD: &str = "Thêm tài khoản";
const PASSWORD: &str = "Mật khẩu (ít nhất 8 ký tự)";
const NO_UNIT: &str = "— Không thuộc đơn vị —";
const HEAD_JUDGE: &str = "Trưởng Ban giám khảo";
const RESERVE_JUDGE: &str = "Giám khảo dự khuyết";
const CREATE: &str = "Tạo tài khoản";
const CREATED: &str = "Đã tạo tài khoản.";
const UPDATED: &str = "Đã cập nhật.";
const EMPTY: &str = "Không có tài khoản nào phù hợp.";
const PREV: &str = "‹ Trang trước";
const NEXT: &str = "Trang sau ›";
const LOADING: &str = "Đang tải…";

#[server(endpoint = "organizer/accounts")]
pub async fn list_accounts(
    q: Option<String>,
    role: Option<String>,
    unit: Option<i32>,
    page: Option<u64>,
) -> Result<AccountList, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::accounts::list_accounts(&state()?, &me, q, role, unit, page).await.map_err(fail)
}

#[server(endpoint = "organizer/accounts/create")]
pub async fn create_account(
    full_name: String,
    login: String,
    role: String,
    unit_id: Option<String>,
    password: String,
    head_judge: Option<String>,
    reserve_judge: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::accounts::create_account(
        &state()?,
        &me,
        full_name,
        login,
        role,
        unit_id,
        password,
        head_judge,
        reserve_judge,
    )
    .await
    .map_err(fail)
}

#[server(endpoint = "organizer/accounts/disable")]
pub async fn set_account_disabled(id: i32, disabled: bool) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::accounts::set_account_disabled(&state()?, &me, id, disabled).await.map_err(fail)
}

/// Gives an account a new generated password and returns it once, for the organizer to hand out.
#[server(endpoint = "organizer/accounts/reset-password")]
pub async fn reset_password(id: i32) -> Result<String, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::accounts::reset_password(&state()?, &me, id).await.map_err(fail)
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let query = use_query_map();
    let create = ServerAction::<CreateAccount>::new();
    let disable = ServerAction::<SetAccountDisabled>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let params = move || {
        query.with(|q| {
            (
                q.get("q").filter(|s| !s.is_empty()),
                q.get("role").filter(|s| !s.is_empty()),
                q.get("unit").and_then(|s| s.parse::<i32>().ok()),
                q.get("page").and_then(|s| s.parse::<u64>().ok()),
            )
        })
    };
    let accounts = crate::data::page_data(
        move || (params(), create.version().get(), disable.version().get()),
        |((q, role, unit, page), _, _)| list_accounts(q, role, unit, page),
    );
    let units = crate::data::page_data(|| (), |_| unit_choices());
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="accounts-page">
            <h1>{TITLE}</h1>
            <OrganizerNav/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    outcome(units.await, move |units| view! {
                        <details class="add-form">
                            <summary class="btn btn-primary">{ADD}</summary>
                            <CreateForm action=create units=units.clone()/>
                        </details>
                        <FilterForm units=units/>
                    })
                })}
            </Suspense>
            <ActionError value=create.value()/>
            <ActionSuccess value=create.value() message=CREATED/>
            <ActionError value=disable.value()/>
            <ActionSuccess value=disable.value() message=UPDATED/>
            <ActionError value=reset.value()/>
            {move || reset.value().get().and_then(Result::ok).map(|p| view! {
                <p class="notice notice-ok" data-testid="new-password">{NEW_PASSWORD}" "<code>{p}</code></p>
            })}
            <Transition fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move {
                    outcome(accounts.await, move |list| account_table(list, disable, reset))
                })}
            </Transition>
        </section>
    }
}

#[component]
fn FilterForm(units: Vec<UnitChoice>) -> impl IntoView {
    let query = use_query_map();
    let current = move |key: &str| query.with_untracked(|q| q.get(key)).unwrap_or_default();
    let role = current("role");
    let unit = current("unit");
    view! {
        <form method="get" class="form form-inline filters" data-testid="account-filter">
            <label><span>{SEARCH}</span><input type="search" name="q" maxlength="100" value=current("q") data-testid="account-search"/></label>
            <label>
                <span>{ROLE}</span>
                <select name="role">
                    <option value="">{ALL}</option>
                    {Role::ALL.map(|r| view! { <option value=r.as_str() selected=role == r.as_str()>{r.label()}</option> }).into_iter().collect_view()}
                </select>
            </label>
            <label>
                <span>{UNIT}</span>
                <select name="unit">
                    <option value="">{ALL}</option>
                    {units.into_iter().map(|u| {
                        let selected = unit == u.id.to_string();
                        view! { <option value=u.id selected=selected>{u.name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="btn">{FILTER}</button>
        </form>
    }
}

#[component]
fn CreateForm(action: ServerAction<CreateAccount>, units: Vec<UnitChoice>) -> impl IntoView {
    view! {
        <ActionForm action=action attr:class="form form-inline" attr:data-testid="account-form">
            <label><span>{NAME}</span><input type="text" name="full_name" required/></label>
            <label><span>{LOGIN}</span><input type="text" name="login" required autocapitalize="none"/></label>
            <label>
                <span>{ROLE}</span>
                <select name="role">
                    {Role::ALL.map(|r| view! { <option value=r.as_str() selected=r == Role::Contestant>{r.label()}</option> }).into_iter().collect_view()}
                </select>
            </label>
            <label>
                <span>{UNIT}</span>
                <select name="unit_id">
                    <option value="">{NO_UNIT}</option>
                    {units.into_iter().map(|u| view! { <option value=u.id>{u.name}</option> }).collect_view()}
                </select>
            </label>
            <label><span>{PASSWORD}</span><input type="password" name="password" required minlength="8" autocomplete="new-password"/></label>
            <label class="check"><input type="checkbox" name="head_judge" value="on"/><span>{HEAD_JUDGE}</span></label>
            <label class="check"><input type="checkbox" name="reserve_judge" value="on"/><span>{RESERVE_JUDGE}</span></label>
            <button type="submit" class="btn btn-primary">{CREATE}</button>
        </ActionForm>
    }
}

fn account_table(
    list: AccountList,
    disable: ServerAction<SetAccountDisabled>,
    reset: ServerAction<ResetPassword>,
) -> impl IntoView {
    if list.rows.is_empty() {
        return view! { <p class="muted">{EMPTY}</p> }.into_any();
    }
    let pages = list.total.div_ceil(PER_PAGE);
    let from = list.page * PER_PAGE + 1;
    let to = (from + list.rows.len() as u64).saturating_sub(1);
    let summary = format!(
        "{}–{} / {} tài khoản",
        format_number(from as i64),
        format_number(to as i64),
        format_number(list.total as i64)
    );
    let rows = list
        .rows
        .into_iter()
        .map(|r| {
            let role = match (r.is_head_judge, r.is_reserve_judge) {
                (true, _) => format!("{} ({HEAD_JUDGE})", r.role.label()),
                (_, true) => RESERVE_JUDGE.to_owned(),
                _ => r.role.label().to_owned(),
            };
            view! {
                <tr data-testid="account-row">
                    <td>{r.full_name}</td>
                    <td><code>{r.login}</code></td>
                    <td>{role}</td>
                    <td>{r.unit_name.unwrap_or_default()}</td>
                    <td>{if r.disabled { DISABLED } else { ACTIVE }}</td>
                    <td class="row-actions">
                        <ActionForm action=disable attr:class="inline">
                            <input type="hidden" name="id" value=r.id/>
                            <input type="hidden" name="disabled" value=(!r.disabled).to_string()/>
                            <button type="submit" class="btn btn-small">{if r.disabled { UNLOCK } else { LOCK }}</button>
                        </ActionForm>
                        <ActionForm action=reset attr:class="inline">
                            <input type="hidden" name="id" value=r.id/>
                            <button type="submit" class="btn btn-small">{RESET}</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="muted" data-testid="account-summary">{summary}</p>
        <div class="table-wrap">
            <table class="table">
                <thead><tr><th>{NAME}</th><th>{LOGIN}</th><th>{ROLE}</th><th>{UNIT}</th><th>{STATUS}</th><th></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pager page=list.page pages=pages/>
    }
    .into_any()
}

#[component]
fn Pager(page: u64, pages: u64) -> impl IntoView {
    let query = use_query_map();
    let href = move |p: u64| {
        let mut q = query.get_untracked();
        q.replace("page", p.to_string());
        format!("?{}", q.to_query_string().trim_start_matches('?'))
    };
    view! {
        <nav class="pager">
            {(page > 0).then(|| view! { <a class="btn btn-small" href=href(page - 1)>{PREV}</a> })}
            <span>{format!("Trang {} / {}", page + 1, pages.max(1))}</span>
            {(page + 1 < pages).then(|| view! { <a class="btn btn-small" href=href(page + 1)>{NEXT}</a> })}
        </nav>
    }
}
