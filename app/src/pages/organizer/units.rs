use super::OrganizerNav;
pub use crate::wire::units::*;
use crate::{
    components::{
        forms::{ActionError, ActionSuccess},
        outcome::outcome,
    },
    error::AppError,
};
use domain::{UnitGroup, text::format_number};
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Đơn vị dự thi";
const ADD: &str = "Thêm đơn vị";
const NAME: &str = "Tên đơn vị";
const GROUP: &str = "Khối";
const HEADCOUNT: &str = "Số biên chế";
const CONTESTANTS: &str = "Thí sinh";
const ACTIONS: &str = "Thao tác";
const EDIT: &str = "Sửa";
const SAVE: &str = "Lưu";
const DELETE: &str = "Xoá";
const SAVED: &str = "Đã lưu đơn vị.";
const DELETED: &str = "Đã xoá đơn vị.";
const FILTER: &str = "Lọc nhanh theo tên";
const EMPTY: &str = "Chưa có đơn vị nào.";
const TOTAL: &str = "Tổng cộng";
const LOADING: &str = "Đang tải…";

#[server(endpoint = "organizer/units")]
pub async fn list_units() -> Result<Vec<UnitRow>, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::units::list_units(&state()?, &me).await.map_err(fail)
}

/// Creates a unit (no `id`) or updates one.
#[server(endpoint = "organizer/units/save")]
pub async fn save_unit(
    id: Option<i32>,
    name: String,
    group: String,
    headcount: String,
) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::units::save_unit(&state()?, &me, id, name, group, headcount).await.map_err(fail)
}

#[server(endpoint = "organizer/units/delete")]
pub async fn delete_unit(id: i32) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::units::delete_unit(&state()?, &me, id).await.map_err(fail)
}

#[component]
pub fn UnitsPage() -> impl IntoView {
    let save = ServerAction::<SaveUnit>::new();
    let delete = ServerAction::<DeleteUnit>::new();
    let units =
        crate::data::page_data(move || (save.version().get(), delete.version().get()), |_| list_units());
    let filter = RwSignal::new(String::new());
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="units-page">
            <h1>{TITLE}</h1>
            <OrganizerNav/>
            <details class="add-form">
                <summary class="btn btn-primary">{ADD}</summary>
                <UnitForm action=save unit=None/>
            </details>
            <ActionError value=save.value()/>
            <ActionSuccess value=save.value() message=SAVED/>
            <ActionError value=delete.value()/>
            <ActionSuccess value=delete.value() message=DELETED/>
            <label class="filter">
                <span>{FILTER}</span>
                <input type="search" data-testid="unit-filter" on:input=move |ev| filter.set(event_target_value(&ev))/>
            </label>
            <Transition fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move {
                    outcome(units.await, move |rows| unit_table(rows, filter, save, delete))
                })}
            </Transition>
        </section>
    }
}

fn unit_table(
    rows: Vec<UnitRow>,
    filter: RwSignal<String>,
    save: ServerAction<SaveUnit>,
    delete: ServerAction<DeleteUnit>,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted">{EMPTY}</p> }.into_any();
    }
    let total_headcount: i64 = rows.iter().map(|r| i64::from(r.headcount)).sum();
    let total_contestants: u64 = rows.iter().map(|r| r.contestants).sum();
    let body = rows
        .into_iter()
        .map(|row| {
            let name = row.name.clone();
            let visible = move || filter.with(|f| domain::text::matches_search(&name, f));
            let id = row.id;
            view! {
                <tr class:hidden=move || !visible() data-testid="unit-row">
                    <td>{row.name.clone()}</td>
                    <td>{row.group.label()}</td>
                    <td class="num">{format_number(i64::from(row.headcount))}</td>
                    <td class="num">{format_number(row.contestants as i64)}</td>
                    <td class="row-actions">
                        <details>
                            <summary class="btn btn-small">{EDIT}</summary>
                            <UnitForm action=save unit=Some(row.clone())/>
                        </details>
                        <ActionForm action=delete attr:class="inline">
                            <input type="hidden" name="id" value=id/>
                            <button type="submit" class="btn btn-small btn-danger">{DELETE}</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead><tr>
                    <th>{NAME}</th><th>{GROUP}</th><th class="num">{HEADCOUNT}</th>
                    <th class="num">{CONTESTANTS}</th><th>{ACTIONS}</th>
                </tr></thead>
                <tbody>{body}</tbody>
                <tfoot><tr>
                    <th colspan="2">{TOTAL}</th>
                    <th class="num">{format_number(total_headcount)}</th>
                    <th class="num">{format_number(total_contestants as i64)}</th>
                    <th></th>
                </tr></tfoot>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn UnitForm(action: ServerAction<SaveUnit>, unit: Option<UnitRow>) -> impl IntoView {
    let id = unit.as_ref().map(|u| u.id);
    let name = unit.as_ref().map(|u| u.name.clone()).unwrap_or_default();
    let group = unit.as_ref().map(|u| u.group);
    let headcount = unit.as_ref().map(|u| u.headcount.to_string()).unwrap_or_default();
    view! {
        <ActionForm action=action attr:class="form form-inline" attr:data-testid="unit-form">
            {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            <label><span>{NAME}</span><input type="text" name="name" required value=name data-testid="unit-name"/></label>
            <label>
                <span>{GROUP}</span>
                <select name="group" data-testid="unit-group">
                    {UnitGroup::ALL.map(|g| view! {
                        <option value=g.as_str() selected=group == Some(g)>{g.label()}</option>
                    }).into_iter().collect_view()}
                </select>
            </label>
            <label>
                <span>{HEADCOUNT}</span>
                <input type="number" name="headcount" min="0" required value=headcount data-testid="unit-headcount"/>
            </label>
            <button type="submit" class="btn btn-primary">{SAVE}</button>
        </ActionForm>
    }
}
