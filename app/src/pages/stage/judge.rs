//! The judges' pages: the teams each judge scores, and the scoring sheet.

use super::{
    PartStatus, SheetStatus,
    api::{JudgeHome, SaveSheet, SheetView, get_judge_home, get_sheet},
};
use crate::components::{
    forms::{ActionError, ActionSuccess, ConfirmSubmit},
    layout::UserResource,
    outcome::outcome,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

const TITLE: &str = "Trang giám khảo";
const HEAD: &str = "Trưởng Ban giám khảo";
const RESERVE: &str = "Giám khảo dự khuyết: chấm các đội mà giám khảo cùng đơn vị không được chấm.";
const NO_TEAMS: &str = "Không có đội nào được phân công cho bạn ở phần thi này.";
const SCORE: &str = "Chấm điểm";
const VIEW: &str = "Xem phiếu";
const REVIEW: &str = "Xem xét chênh lệch, mở khóa phiếu";
const LOADING: &str = "Đang tải…";
const SHEET: &str = "Phiếu chấm điểm";
const SAVE_DRAFT: &str = "Lưu nháp";
const SUBMIT: &str = "Nộp phiếu (khóa lại)";
const SAVED: &str = "Đã lưu phiếu điểm.";
const LOCKED: &str =
    "Phiếu đã nộp và được khóa. Muốn sửa, đề nghị Trưởng Ban giám khảo hoặc Ban tổ chức mở khóa kèm lý do.";
const CLOSED: &str = "Phần thi đã khóa hoặc đã công bố.";
const BACK: &str = "‹ Trang giám khảo";

#[component]
pub fn JudgePage() -> impl IntoView {
    let user = expect_context::<UserResource>();
    let home = crate::data::page_data(|| (), |_| get_judge_home());
    view! {
        <Title text=TITLE/>
        <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
            {move || Suspend::new(async move {
                let me = user.await.ok().flatten();
                outcome(home.await, move |h| view! {
                    <section class="panel" data-testid="dashboard-judge">
                        <h1>{TITLE}</h1>
                        {me.map(|u| view! { <p class="lead">{u.full_name}{u.unit_name.map(|n| format!(" · {n}"))}</p> })}
                        {h.is_head.then_some(view! { <p class="badge">{HEAD}</p> })}
                        {h.is_reserve.then_some(view! { <p class="muted">{RESERVE}</p> })}
                        {parts(h)}
                    </section>
                })
            })}
        </Suspense>
    }
}

fn parts(h: JudgeHome) -> impl IntoView {
    let head = h.is_head;
    h.parts
        .into_iter()
        .map(|p| {
            let open = p.status == PartStatus::Open;
            let left = p.teams.iter().filter(|t| t.sheet != Some(SheetStatus::Submitted)).count();
            let progress = if p.teams.is_empty() {
                String::new()
            } else if left == 0 {
                format!("Đã nộp đủ {} phiếu.", p.teams.len())
            } else {
                format!("Còn {left}/{} phiếu chưa nộp.", p.teams.len())
            };
            view! {
                <article class="card judge-part" data-testid="judge-part">
                    <h2>{p.name.clone()}</h2>
                    <p class="muted">{p.status.label()}" · "<strong data-testid="judge-left">{progress}</strong></p>
                    {head.then(|| view! { <p><a href=format!("/giam-khao/phan/{}", p.id) data-testid="head-review">{REVIEW}</a></p> })}
                    {if p.teams.is_empty() {
                        view! { <p class="muted">{NO_TEAMS}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="team-list">{p.teams.into_iter().map(|super::api::JudgeTeam { id, name, sheet: status }| {
                                let label = if open && status != Some(SheetStatus::Submitted) { SCORE } else { VIEW };
                                view! {
                                    <li data-testid="judge-team">
                                        <a class="btn btn-small" href=format!("/giam-khao/phieu/{}/{id}", p.id)>{label}</a>
                                        " " {name} " · " <span data-testid="sheet-status">{SheetStatus::label(status)}</span>
                                    </li>
                                }
                            }).collect_view()}</ul>
                        }.into_any()
                    }}
                </article>
            }
        })
        .collect_view()
}

#[component]
pub fn SheetPage() -> impl IntoView {
    let params = use_params_map();
    let save = ServerAction::<SaveSheet>::new();
    let sheet = crate::data::page_data(
        move || {
            let ids = params.with(|p| {
                (
                    p.get("part").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0),
                    p.get("team").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0),
                )
            });
            (ids, save.version().get())
        },
        |((part, team), _)| get_sheet(part, team),
    );
    view! {
        <Title text=SHEET/>
        <section class="panel narrow" data-testid="sheet-page">
            <p><a href="/giam-khao">{BACK}</a></p>
            <ActionError value=save.value()/>
            <ActionSuccess value=save.value() message=SAVED/>
            <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move { outcome(sheet.await, move |s| sheet_form(s, save)) })}
            </Suspense>
        </section>
    }
}

fn sheet_form(s: SheetView, save: ServerAction<SaveSheet>) -> impl IntoView {
    let locked = s.status == Some(SheetStatus::Submitted);
    let editable = !locked && s.part_open;
    view! {
        <h1>{s.team.clone()}</h1>
        <p class="muted" id="step-hint">{format!("{} · điểm theo bước {} (ví dụ 7,25)", s.part, s.step)}</p>
        {locked.then_some(view! { <p class="notice" data-testid="sheet-locked">{LOCKED}</p> })}
        {(!s.part_open && !locked).then_some(view! { <p class="notice">{CLOSED}</p> })}
        <ActionForm action=save attr:class="form sheet" attr:data-testid="sheet-form">
            <input type="hidden" name="part_id" value=s.part_id/>
            <input type="hidden" name="team_id" value=s.team_id/>
            {s.criteria.iter().enumerate().map(|(i, (name, max))| view! {
                <label class="criterion">
                    <span>{format!("{name} (0 – {max})")}</span>
                    // Text, not number: Vietnamese decimals use a comma ("7,25"), which number inputs
                    // reject in some locales. The server checks range and step.
                    <input
                        type="text" inputmode="decimal" autocomplete="off" pattern="[0-9]+([,.][0-9]{1,2})?"
                        name=format!("scores[{i}]") value=s.values.get(i).cloned().unwrap_or_default()
                        disabled=!editable data-testid=format!("criterion-{i}") aria-describedby="step-hint"
                    />
                </label>
            }).collect_view()}
            {s.total.clone().map(|t| view! { <p class="sheet-total">"Tổng: " <strong data-testid="sheet-total">{t}</strong></p> })}
            {editable.then(|| view! {
                <div class="actions">
                    <button type="submit" class="btn" data-testid="save-draft">{SAVE_DRAFT}</button>
                    <ConfirmSubmit
                        label=SUBMIT
                        question=format!("Nộp phiếu chấm {}? Sau khi nộp, phiếu bị khoá: muốn sửa phải đề nghị Trưởng Ban giám khảo hoặc Ban tổ chức mở khoá kèm lý do.", s.team)
                        yes="Nộp và khoá phiếu"
                        testid="submit-sheet".to_owned()
                        name="submit"
                        value="true"
                    />
                </div>
            })}
        </ActionForm>
    }
}
