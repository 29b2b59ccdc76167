use super::{
    PartStatus, SheetStatus,
    api::{
        LockPart, PartDetail, PublishPart, ReviewDivergence, STAGE_EVENTS_URL, SavePartRules, UnlockSheet,
        get_part_detail,
    },
};
use crate::{
    auth::CurrentUser,
    components::{
        forms::{ActionError, ActionSuccess},
        layout::UserResource,
        live_events::refresh_on,
        outcome::outcome,
    },
    pages::organizer::OrganizerNav,
};
use domain::{Role, stage::aggregate::Aggregation};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

const RESULTS: &str = "Kết quả theo đội (chỉ Ban tổ chức và Trưởng Ban giám khảo xem)";
const SHEETS: &str = "Phiếu điểm";
const RULES: &str = "Thang điểm";
const EDIT_RULES: &str = "Sửa thang điểm (chỉ khi chưa có phiếu điểm)";
const LOCK: &str = "Khóa phần thi";
const PUBLISH: &str = "Công bố kết quả";
const UNLOCK: &str = "Mở khóa";
const REASON: &str = "Lý do (bắt buộc)";
const REVIEW: &str = "Xác nhận đã xem xét";
const NOTE: &str = "Ghi chú xem xét";
const DONE: &str = "Đã cập nhật.";
const LOADING: &str = "Đang tải…";

#[component]
pub fn StagePartPage() -> impl IntoView {
    let params = use_params_map();
    let user = expect_context::<UserResource>();
    let lock = ServerAction::<LockPart>::new();
    let publish = ServerAction::<PublishPart>::new();
    let unlock = ServerAction::<UnlockSheet>::new();
    let review = ServerAction::<ReviewDivergence>::new();
    let rules = ServerAction::<SavePartRules>::new();
    // Sheets, timers and reviews arrive while this page is open: follow them live.
    let changes = refresh_on(STAGE_EVENTS_URL);
    let detail = crate::data::page_data(
        move || {
            (
                params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0)),
                lock.version().get()
                    + publish.version().get()
                    + unlock.version().get()
                    + review.version().get()
                    + rules.version().get()
                    + changes.get() as usize,
            )
        },
        |(id, _)| get_part_detail(id),
    );
    let actions = Actions { lock, publish, unlock, review, rules };
    view! {
        <Title text="Phần thi"/>
        <section class="panel" data-testid="stage-part-page">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let me = user.await.ok().flatten();
                    me.filter(|u| u.role == Role::Organizer).map(|_| view! {
                        <OrganizerNav/>
                        <p><a href="/ban-to-chuc/san-khau">"‹ Vòng chung kết"</a></p>
                    })
                })}
            </Suspense>
            <ActionError value=lock.value()/>
            <ActionError value=publish.value()/>
            <ActionError value=unlock.value()/>
            <ActionError value=review.value()/>
            <ActionError value=rules.value()/>
            <ActionSuccess value=unlock.value() message=DONE/>
            <ActionSuccess value=lock.value() message=DONE/>
            <ActionSuccess value=publish.value() message=DONE/>
            <Transition fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move {
                    let me = user.await.ok().flatten();
                    outcome(detail.await, move |d| part_view(d, me, actions))
                })}
            </Transition>
        </section>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    lock: ServerAction<LockPart>,
    publish: ServerAction<PublishPart>,
    unlock: ServerAction<UnlockSheet>,
    review: ServerAction<ReviewDivergence>,
    rules: ServerAction<SavePartRules>,
}

fn part_view(d: PartDetail, me: Option<CurrentUser>, a: Actions) -> impl IntoView {
    let organizer = me.as_ref().is_some_and(|u| u.role == Role::Organizer);
    let head = me.as_ref().is_some_and(|u| u.is_head_judge);
    let p = d.part.clone();
    let open = p.status == PartStatus::Open;
    let teams: Vec<(i32, String)> = d.results.iter().map(|r| (r.team_id, r.team.clone())).collect();
    let part_id = p.id;
    let team_name =
        move |id: i32| teams.iter().find(|(t, _)| *t == id).map(|(_, n)| n.clone()).unwrap_or_default();
    view! {
        <h1>{p.rules.name.clone()}</h1>
        <p class="muted" data-testid="part-status">
            {format!("{} · tối đa {} điểm · {} · {} phút · chênh lệch > {}% cần xem xét · {}/{} phiếu đã nộp",
                p.status.label(), p.rules.max(), p.rules.aggregation.label(), p.rules.time_limit_secs / 60,
                p.rules.divergence_percent, p.submitted, p.expected)}
        </p>
        <div class="actions">
            {(open && (organizer || head)).then(|| view! {
                <ActionForm action=a.lock attr:class="inline">
                    <input type="hidden" name="id" value=p.id/>
                    <button type="submit" class="btn" data-testid="lock-part">{LOCK}</button>
                </ActionForm>
            })}
            {(organizer && p.status == PartStatus::Locked).then(|| view! {
                <ActionForm action=a.publish attr:class="inline">
                    <input type="hidden" name="id" value=p.id/>
                    <button type="submit" class="btn btn-primary" data-testid="publish-part">{PUBLISH}</button>
                </ActionForm>
            })}
        </div>
        <h2>{RULES}</h2>
        <ul>{p.rules.criteria.iter().map(|c| view! { <li>{format!("{}: {} điểm", c.name, c.max)}</li> }).collect_view()}</ul>
        {(organizer && !d.has_sheets).then(|| {
            let criteria = p.rules.criteria.iter().map(|c| format!("{}: {}", c.name, c.max)).collect::<Vec<_>>().join("\n");
            view! {
                <details class="add-form">
                    <summary class="btn btn-small">{EDIT_RULES}</summary>
                    <ActionForm action=a.rules attr:class="form">
                        <input type="hidden" name="id" value=p.id/>
                        <label><span>"Tên phần thi"</span><input type="text" name="name" value=p.rules.name.clone()/></label>
                        <label><span>"Tiêu chí (mỗi dòng “Tên: điểm tối đa”)"</span><textarea name="criteria" rows="5">{criteria}</textarea></label>
                        <div class="form-inline">
                            <label><span>"Bước điểm"</span><input type="text" name="step" value=p.rules.step.to_string()/></label>
                            <label><span>"Cách tính"</span>
                                <select name="aggregation">
                                    {[Aggregation::TrimmedMean, Aggregation::Mean].map(|g| view! {
                                        <option value=g.as_str() selected=g == p.rules.aggregation>{g.label()}</option>
                                    }).into_iter().collect_view()}
                                </select>
                            </label>
                            <label><span>"Thời gian trình bày (phút)"</span><input type="number" name="time_limit_minutes" min="1" value=p.rules.time_limit_secs / 60/></label>
                            <label><span>"Ngưỡng chênh lệch (%)"</span><input type="number" name="divergence_percent" min="1" max="100" value=p.rules.divergence_percent/></label>
                        </div>
                        <button type="submit" class="btn btn-primary">"Lưu thang điểm"</button>
                    </ActionForm>
                </details>
            }
        })}
        <h2>{RESULTS}</h2>
        <div class="table-wrap"><table class="table">
            <thead><tr><th>"Đội"</th><th class="num">"Phiếu"</th><th>"Tổng điểm từng giám khảo"</th><th class="num">"Điểm phần thi"</th><th class="num">"Điểm trừ"</th><th>"Chênh lệch"</th></tr></thead>
            <tbody>{d.results.into_iter().map(move |r| {
                let needs_review = r.divergent && !r.reviewed;
                view! {
                    <tr data-testid="result-row" class:flagged=needs_review>
                        <td>{r.team}</td>
                        <td class="num">{format!("{}/{}", r.submitted, r.expected)}</td>
                        <td>{r.totals.join(" · ")}</td>
                        <td class="num" data-testid="team-score">{r.score.unwrap_or_else(|| "—".into())}</td>
                        <td class="num">{(r.penalty != "0").then(|| format!("-{}", r.penalty))}</td>
                        <td>
                            {match (r.divergent, r.reviewed) {
                                (false, _) => ().into_any(),
                                (true, true) => view! { <span>"Đã xem xét"</span> }.into_any(),
                                (true, false) if open && ((head && !r.head_recused) || (organizer && r.head_recused)) => view! {
                                    <ActionForm action=a.review attr:class="form">
                                        <input type="hidden" name="part_id" value=part_id/>
                                        <input type="hidden" name="team_id" value=r.team_id/>
                                        <input type="text" name="note" placeholder=NOTE aria-label=NOTE/>
                                        <button type="submit" class="btn btn-small" data-testid="review-divergence">{REVIEW}</button>
                                    </ActionForm>
                                }.into_any(),
                                (true, false) if r.head_recused => view! { <span class="badge">"Chờ Ban tổ chức xem xét (đội cùng đơn vị Trưởng ban)"</span> }.into_any(),
                                (true, false) => view! { <span class="badge">"Chờ Trưởng ban xem xét"</span> }.into_any(),
                            }}
                        </td>
                    </tr>
                }
            }).collect_view()}</tbody>
        </table></div>
        <h2>{SHEETS}</h2>
        <div class="table-wrap"><table class="table">
            <thead><tr><th>"Giám khảo"</th><th>"Đội"</th><th>"Trạng thái"</th><th></th></tr></thead>
            <tbody>{d.cells.into_iter().map(|c| view! {
                <tr data-testid="sheet-row">
                    <td>{c.judge.clone()}</td>
                    <td>{team_name(c.team_id)}</td>
                    <td>{SheetStatus::label(c.status)}</td>
                    <td>{(c.status == Some(SheetStatus::Submitted) && p.status != PartStatus::Published && (organizer || head)).then(|| view! {
                        <ActionForm action=a.unlock attr:class="form form-inline">
                            <input type="hidden" name="sheet_id" value=c.sheet_id.unwrap_or(0)/>
                            <label><span>{REASON}</span><input type="text" name="reason" required data-testid="unlock-reason"/></label>
                            <button type="submit" class="btn btn-small" data-testid="unlock-sheet">{UNLOCK}</button>
                        </ActionForm>
                    })}</td>
                </tr>
            }).collect_view()}</tbody>
        </table></div>
    }
}
