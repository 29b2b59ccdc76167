use super::api::{
    CreateTeamAccounts, CreateTeams, DrawRunningOrder, STAGE_EVENTS_URL, SaveRunningOrder, SaveTeam,
    StageOverview, get_stage_overview,
};
use crate::{
    components::{
        forms::{ActionError, ActionSuccess, ConfirmSubmit},
        live_events::refresh_on,
        outcome::outcome,
    },
    pages::organizer::OrganizerNav,
};
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Vòng chung kết sân khấu";
const TEAMS: &str = "Đội thi";
const CREATE_TEAMS: &str = "Tạo đội cho các đơn vị chưa có đội";
const DEVICE_ACCOUNTS: &str = "Tạo tài khoản thiết bị cho các đội chưa có (phần thi trực tiếp)";
const PARTS: &str = "Các phần thi do Ban giám khảo chấm";
const PANEL: &str = "Ban giám khảo";
const AUDIT: &str = "Nhật ký thay đổi điểm";
const MEMBERS: &str = "Thành viên chính thức (mỗi dòng một người, tối đa 5)";
const RESERVE: &str = "Thành viên dự bị";
const NAME: &str = "Tên đội";
const SAVE: &str = "Lưu";
const SAVED: &str = "Đã lưu.";
const EDIT: &str = "Sửa";
const NO_TEAMS: &str = "Chưa có đội thi.";
const LOADING: &str = "Đang tải…";
const ORDER: &str = "Thứ tự thi (bốc thăm)";
const ORDER_HINT: &str = "Thứ tự xuất hiện của các đội trên sân khấu; trang giám khảo, thư ký và màn hình theo dõi xếp đội theo thứ tự này. Bốc thăm ngẫu nhiên hoặc nhập số thứ tự cho từng đội.";
const DRAW: &str = "Bốc thăm thứ tự";
const SAVE_ORDER: &str = "Lưu thứ tự";

#[component]
pub fn StagePage() -> impl IntoView {
    let create = ServerAction::<CreateTeams>::new();
    let save = ServerAction::<SaveTeam>::new();
    let accounts = ServerAction::<CreateTeamAccounts>::new();
    let order = ServerAction::<SaveRunningOrder>::new();
    let draw = ServerAction::<DrawRunningOrder>::new();
    // Judges' sheets come in while the organizers watch: follow them live.
    let changes = refresh_on(STAGE_EVENTS_URL);
    let data = crate::data::page_data(
        move || {
            (
                create.version().get(),
                save.version().get(),
                accounts.version().get(),
                order.version().get() + draw.version().get(),
                changes.get(),
            )
        },
        |_| get_stage_overview(),
    );
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="stage-page">
            <h1>{TITLE}</h1>
            <OrganizerNav/>
            <ActionError value=save.value()/>
            <ActionSuccess value=save.value() message=SAVED/>
            <ActionError value=create.value()/>
            <ActionError value=accounts.value()/>
            <ActionError value=order.value()/>
            <ActionError value=draw.value()/>
            {move || accounts.value().get().and_then(Result::ok).filter(|c| !c.is_empty()).map(|created| view! {
                <div class="notice notice-ok" data-testid="device-accounts">
                    <p>"Tài khoản thiết bị của các đội (chỉ hiển thị một lần, hãy lưu lại):"</p>
                    <table class="table"><tbody>{created.into_iter().map(|(team, login, password)| view! {
                        <tr><td>{team}</td><td><code>{login}</code></td><td><code>{password}</code></td></tr>
                    }).collect_view()}</tbody></table>
                </div>
            })}
            <Transition fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move { outcome(data.await, move |d| view! { {running_order(&d, order, draw)} {overview(d, create, save, accounts)} }) })}
            </Transition>
        </section>
    }
}

/// The order of appearance: drawn at random (seed kept) or typed team by team.
fn running_order(
    d: &StageOverview,
    order: ServerAction<SaveRunningOrder>,
    draw: ServerAction<DrawRunningOrder>,
) -> impl IntoView + use<> {
    let teams: Vec<(i32, String, Option<i32>)> =
        d.teams.iter().map(|t| (t.id, t.name.clone(), t.running_order)).collect();
    let drawn = d.draw.clone().map(|dr| {
        format!(
            "Bốc thăm lúc {} bởi {} (mã bốc thăm {}: cùng mã luôn cho cùng thứ tự).",
            domain::time::format_datetime(dr.at_ms),
            dr.by,
            dr.seed
        )
    });
    let any = d.teams.iter().any(|t| t.running_order.is_some());
    view! {
        <h2>{ORDER}</h2>
        <p class="muted">{ORDER_HINT}</p>
        {drawn.map(|t| view! { <p class="notice notice-ok" data-testid="order-draw">{t}</p> })}
        <ActionForm action=draw attr:class="inline">
            {if any {
                view! { <ConfirmSubmit label=DRAW question="Bốc thăm lại? Thứ tự hiện tại sẽ được thay bằng thứ tự mới.".to_owned() yes=DRAW testid="draw-order".to_owned()/> }.into_any()
            } else {
                view! { <button type="submit" class="btn btn-primary" data-testid="draw-order">{DRAW}</button> }.into_any()
            }}
        </ActionForm>
        <details>
            <summary class="btn btn-small">"Nhập thứ tự cho từng đội"</summary>
            <ActionForm action=order attr:class="form order-form">
                {teams.into_iter().map(|(id, name, n)| view! {
                    <label class="order-row"><input type="text" inputmode="numeric" class="order-input" name=format!("order[{id}]") value=n.map(|n| n.to_string())/><span>{name}</span></label>
                }).collect_view()}
                <button type="submit" class="btn btn-primary">{SAVE_ORDER}</button>
            </ActionForm>
        </details>
    }
}

fn overview(
    d: StageOverview,
    create: ServerAction<CreateTeams>,
    save: ServerAction<SaveTeam>,
    accounts: ServerAction<CreateTeamAccounts>,
) -> impl IntoView {
    view! {
        <h2>{PARTS}</h2>
        <div class="table-wrap"><table class="table">
            <thead><tr><th>"Phần thi"</th><th class="num">"Điểm tối đa"</th><th>"Trạng thái"</th><th class="num">"Phiếu đã nộp"</th><th class="num">"Chênh lệch chờ xem xét"</th></tr></thead>
            <tbody>{d.parts.into_iter().map(|p| view! {
                <tr data-testid="part-row">
                    <td><a href=format!("/ban-to-chuc/san-khau/phan/{}", p.id)>{p.rules.name.clone()}</a></td>
                    <td class="num">{p.rules.max().to_string()}</td>
                    <td>{p.status.label()}</td>
                    <td class="num">{format!("{}/{}", p.submitted, p.expected)}</td>
                    <td class="num">{p.unreviewed}</td>
                </tr>
            }).collect_view()}</tbody>
        </table></div>
        <p><a href="/ban-to-chuc/san-khau/nhat-ky" data-testid="audit-link">{AUDIT}</a></p>
        <h2>{PANEL}</h2>
        <ul>{d.judges.into_iter().map(|(name, unit, head, reserve)| view! {
            <li>
                {name}
                {unit.map(|u| format!(" · {u}"))}
                {head.then_some(" · Trưởng ban")}
                {reserve.then_some(" · Dự khuyết")}
            </li>
        }).collect_view()}</ul>
        <h2>{TEAMS}</h2>
        <ActionForm action=create attr:class="inline">
            <button type="submit" class="btn" data-testid="create-teams">{CREATE_TEAMS}</button>
        </ActionForm>
        " "
        <ActionForm action=accounts attr:class="inline">
            <button type="submit" class="btn" data-testid="create-team-accounts">{DEVICE_ACCOUNTS}</button>
        </ActionForm>
        {if d.teams.is_empty() {
            view! { <p class="muted">{NO_TEAMS}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap"><table class="table">
                    <thead><tr><th class="num">"Thứ tự"</th><th>"Đơn vị"</th><th>{NAME}</th><th>"Thành viên"</th><th></th></tr></thead>
                    <tbody>{d.teams.into_iter().map(|t| view! {
                        <tr data-testid="team-row">
                            <td class="num" data-testid="team-order">{t.running_order.map(|n| n.to_string()).unwrap_or_else(|| "–".to_owned())}</td>
                            <td>{t.unit.clone()}</td>
                            <td>{t.name.clone()}</td>
                            <td>
                                {t.members.join(", ")}{(!t.reserve.is_empty()).then(|| format!(" (dự bị: {})", t.reserve))}
                                {(!t.has_device).then_some(view! { <span class="badge badge-muted">"chưa có tài khoản thiết bị"</span> })}
                            </td>
                            <td>
                                <details>
                                    <summary class="btn btn-small">{EDIT}</summary>
                                    <ActionForm action=save attr:class="form">
                                        <input type="hidden" name="id" value=t.id/>
                                        <label><span>{NAME}</span><input type="text" name="name" value=t.name.clone() required/></label>
                                        <label><span>{MEMBERS}</span><textarea name="members" rows="5">{t.members.join("\n")}</textarea></label>
                                        <label><span>{RESERVE}</span><input type="text" name="reserve" value=t.reserve.clone()/></label>
                                        <button type="submit" class="btn btn-primary">{SAVE}</button>
                                    </ActionForm>
                                </details>
                            </td>
                        </tr>
                    }).collect_view()}</tbody>
                </table></div>
            }.into_any()
        }}
    }
}
