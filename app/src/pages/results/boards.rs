use super::{
    api::{
        ConfirmPrizes, Confirmation, PublishRound, PublishStage, RoundResults, StageResults,
        get_round_results, get_stage_results,
    },
    prize_label,
};
use crate::components::{
    charts::{Bar, BarChart, Histogram},
    forms::{ActionError, ConfirmSubmit},
    layout::UserResource,
    outcome::outcome,
};
use crate::wire::corrections::CorrectionNotice;
use domain::{Role, UnitGroup, text::format_number, time::format_duration};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

const PEOPLE: &str = "Xếp hạng cá nhân";
const UNITS: &str = "Xếp hạng tập thể";
const FIGURE: &str = "Số người tham gia chốt khi kết thúc";
const PUBLISH: &str = "Công bố kết quả";
const UNPUBLISH: &str = "Thu hồi công bố";
const NOT_PUBLISHED: &str = "Chưa công bố: chỉ Ban tổ chức xem được.";
const PRINT: &str = "Bản in";
const RULE: &str = "Xếp theo: số câu đúng → độ chênh lệch dự đoán → thời gian làm bài → thời điểm nộp.";
const LOADING: &str = "Đang tải…";

fn is_organizer(user: &Option<crate::auth::CurrentUser>) -> bool {
    user.as_ref().is_some_and(|u| u.role == Role::Organizer)
}

#[component]
pub fn RoundResultsPage() -> impl IntoView {
    let params = use_params_map();
    let user = expect_context::<UserResource>();
    let publish = ServerAction::<PublishRound>::new();
    let confirm = ServerAction::<ConfirmPrizes>::new();
    let results = crate::data::page_data(
        move || {
            (
                params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0)),
                publish.version().get() + confirm.version().get(),
            )
        },
        |(id, _)| get_round_results(id),
    );
    view! {
        <Title text="Kết quả vòng thi"/>
        <section class="panel" data-testid="round-results">
            <ActionError value=publish.value()/>
            <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move {
                    let organizer = is_organizer(&user.await.ok().flatten());
                    outcome(results.await, move |r| round_view(r, organizer, publish, confirm))
                })}
            </Suspense>
        </section>
    }
}

fn confirmation(
    c: Option<Confirmation>,
    scope: String,
    confirm: ServerAction<ConfirmPrizes>,
) -> impl IntoView {
    let status = match &c {
        Some(c) if c.current => format!(
            "Danh sách giải đã được {} xác nhận lúc {}.",
            c.by,
            domain::time::format_datetime(c.at_ms)
        ),
        Some(c) => format!(
            "Danh sách giải đề xuất đã thay đổi kể từ khi {} xác nhận lúc {}: cần xác nhận lại.",
            c.by,
            domain::time::format_datetime(c.at_ms)
        ),
        None => "Danh sách giải do hệ thống đề xuất theo thể lệ, chưa được Ban tổ chức xác nhận.".to_owned(),
    };
    let needs = c.as_ref().is_none_or(|c| !c.current);
    view! {
        <p class=if needs { "notice" } else { "notice notice-ok" } data-testid="prize-status">{status}</p>
        {needs.then(|| view! {
            <ActionForm action=confirm attr:class="inline">
                <input type="hidden" name="scope" value=scope/>
                <button type="submit" class="btn" data-testid="confirm-prizes">"Xác nhận danh sách giải"</button>
            </ActionForm>
        })}
    }
}

/// Publish (disabled with the reason while something stops it) or withdraw (asks first).
fn publish_button(
    published: bool,
    blocker: Option<String>,
    testid: &'static str,
    withdraw: String,
) -> impl IntoView {
    if published {
        view! { <ConfirmSubmit label=UNPUBLISH question=withdraw yes=UNPUBLISH testid=testid.to_owned() danger=true/> }.into_any()
    } else {
        view! {
            <button type="submit" class="btn btn-primary" data-testid=testid disabled=blocker.is_some() aria-describedby="publish-blocker">{PUBLISH}</button>
            {blocker.map(|b| view! { <p class="muted blocker" id="publish-blocker" data-testid="publish-blocker">{b}</p> })}
        }
        .into_any()
    }
}

fn round_view(
    r: RoundResults,
    organizer: bool,
    publish: ServerAction<PublishRound>,
    confirm: ServerAction<ConfirmPrizes>,
) -> impl IntoView {
    let bars_for = |group: UnitGroup| -> Vec<Bar> {
        let mut units: Vec<_> = r.units.iter().filter(|u| u.group == group).collect();
        units.sort_by(|a, b| b.rate_bp.cmp(&a.rate_bp).then(a.name.cmp(&b.name)));
        units
            .iter()
            .map(|u| Bar {
                label: u.name.clone(),
                share: f64::from(u.rate_bp) / 10_000.0,
                value: u.rate.clone(),
            })
            .collect()
    };
    let dept = bars_for(UnitGroup::Department);
    let dist = bars_for(UnitGroup::District);
    view! {
        <h1>{r.name.clone()}</h1>
        {r.figure.map(|f| view! { <p class="lead">{format!("{FIGURE}: {}", format_number(f))}</p> })}
        {organizer.then(|| view! {
            <div class="actions">
                {(!r.published).then_some(view! { <p class="notice" data-testid="not-published">{NOT_PUBLISHED}</p> })}
                <ActionForm action=publish attr:class="inline">
                    <input type="hidden" name="id" value=r.id/>
                    <input type="hidden" name="published" value=(!r.published).to_string()/>
                    {publish_button(r.published, r.publish_blocker.clone(), "publish-round", format!("Thu hồi công bố kết quả {}? Kết quả sẽ không còn hiện với thí sinh và trên máy chiếu.", r.name))}
                </ActionForm>
                <a class="btn" href=format!("/ban-to-chuc/ket-qua/vong/{}.xlsx", r.id) download data-testid="export-round-xlsx">"Excel (.xlsx)"</a>
                <a class="btn" href=format!("/ban-to-chuc/ket-qua/vong/{}.csv", r.id) download>"CSV"</a>
                <a class="btn" href=format!("/in/vong/{}", r.id) data-testid="print-link">{PRINT}</a>
                <a class="btn" href=format!("/in/giay-chung-nhan/vong/{}", r.id) data-testid="certificates-link">"Giấy chứng nhận"</a>
            </div>
        })}
        {corrections(&r.corrections)}
        <h2>{PEOPLE}</h2>
        <p class="muted">{RULE}</p>
        {organizer.then(|| confirmation(r.confirmed.clone(), format!("round:{}", r.id), confirm))}
        <div class="table-wrap"><table class="table board" data-testid="people-board">
            <thead><tr><th class="num">"Hạng"</th><th>"Họ và tên"</th><th>"Đơn vị"</th><th class="num">"Đúng"</th><th class="num">"Dự đoán"</th><th class="num">"Thời gian"</th><th>"Giải"</th></tr></thead>
            <tbody>{r.people.iter().take(200).map(|p| view! {
                <tr data-testid="person-row">
                    <td class="num c-rank">{p.rank}</td><td class="c-name">{p.name.clone()}</td><td class="c-sub">{p.unit.clone()}</td>
                    <td class="num c-extra" data-label="Đúng">{format!("{}/{}", p.correct, p.total)}</td>
                    <td class="num c-extra" data-label="Dự đoán">{p.prediction.map(format_number).unwrap_or_else(|| "–".to_owned())}</td>
                    <td class="num c-extra" data-label="Thời gian">{format_duration(p.duration_ms)}</td>
                    <td class="c-prize" data-testid="prize-cell">{prize_label(p.prize)}</td>
                </tr>
            }).collect_view()}</tbody>
        </table></div>
        <h2>{UNITS}</h2>
        <p class="muted" data-testid="collective-rule">{r.collective_rule.clone()}</p>
        {UnitGroup::ALL.map(|g| {
            let rows: Vec<_> = r.units.iter().filter(|u| u.group == g).cloned().collect();
            view! {
                <h3>{g.label()}</h3>
                <div class="table-wrap"><table class="table board">
                    <thead><tr><th class="num">"Hạng"</th><th>"Đơn vị"</th><th class="num">"Tham gia"</th><th class="num">"Biên chế"</th><th class="num">"Tỷ lệ"</th><th class="num">"Điểm TB"</th><th>"Giải"</th></tr></thead>
                    <tbody>{rows.into_iter().map(|u| view! {
                        <tr data-testid="unit-board-row">
                            <td class="num c-rank">{domain::results::units::rank_text(u.rank)}</td><td class="c-name">{u.name}</td><td class="num c-extra" data-label="Tham gia">{format_number(i64::from(u.participants))}</td>
                            <td class="num c-extra" data-label="Biên chế">{format_number(i64::from(u.headcount))}</td><td class="num c-extra" data-label="Tỷ lệ">{u.rate}</td><td class="num c-extra" data-label="Điểm TB">{u.average}</td>
                            <td class="c-prize">{prize_label(u.prize)}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table></div>
            }
        }).into_iter().collect_view()}
        <BarChart bars=dept title=format!("Tỷ lệ tham gia – {}", UnitGroup::Department.label())/>
        <BarChart bars=dist title=format!("Tỷ lệ tham gia – {}", UnitGroup::District.label())/>
        <Histogram counts=r.distribution.clone() title="Phân bố điểm (kết quả tốt nhất của mỗi người)".into() x_label="Số câu đúng".into()/>
    }
}

/// The corrections made to a round after attempts were in, and whose results they moved.
fn corrections(notices: &[CorrectionNotice]) -> impl IntoView + use<> {
    (!notices.is_empty()).then(|| {
        let notices = notices.to_vec();
        view! {
            <section class="corrections" data-testid="corrections">
                <h2>"Thông báo chấm lại"</h2>
                {notices.into_iter().map(|n| view! {
                    <div class="notice" data-testid="correction-notice">
                        <p><strong>{format!("{}: ", domain::time::format_datetime(n.at_ms))}</strong>
                            {format!("câu hỏi “{}”: {}. Lý do: {}", n.question, n.label, n.reason)}</p>
                        {if n.changes.is_empty() {
                            view! { <p class="muted">"Không có kết quả nào thay đổi."</p> }.into_any()
                        } else {
                            view! {
                                <details open>
                                    <summary>{format!("{} kết quả thay đổi", n.changes.len())}</summary>
                                    <div class="table-wrap"><table class="table" data-testid="correction-changes">
                                        <thead><tr><th>"Họ và tên"</th><th>"Đơn vị"</th><th class="num">"Trước"</th><th class="num">"Sau"</th><th class="num">"Hạng trước"</th><th class="num">"Hạng sau"</th></tr></thead>
                                        <tbody>{n.changes.into_iter().map(|c| view! {
                                            <tr data-testid="correction-change"><td>{c.name}</td><td>{c.unit}</td><td class="num">{c.before}</td><td class="num">{c.after}</td><td class="num">{c.rank_before}</td><td class="num">{c.rank_after}</td></tr>
                                        }).collect_view()}</tbody>
                                    </table></div>
                                </details>
                            }.into_any()
                        }}
                    </div>
                }).collect_view()}
            </section>
        }
    })
}

/// Unit standings across every online round.
#[component]
pub fn AllRoundsPage() -> impl IntoView {
    let rows = crate::data::page_data(|| (), |_| super::api::get_all_rounds());
    view! {
        <Title text="Tổng hợp các vòng trực tuyến"/>
        <section class="panel" data-testid="all-rounds">
            <h1>"Tổng hợp các vòng thi trực tuyến theo đơn vị"</h1>
            <p class="muted">"Người tham gia tính theo người (một người dự nhiều vòng được tính một lần); điểm trung bình là trung bình kết quả tốt nhất của mỗi người ở mỗi vòng."</p>
            <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move {
                    outcome(rows.await, |rows| {
                        UnitGroup::ALL.map(|g| {
                            let group: Vec<_> = rows.iter().filter(|u| u.group == g).cloned().collect();
                            let bars: Vec<Bar> = group.iter().map(|u| Bar { label: u.name.clone(), share: f64::from(u.rate_bp) / 10_000.0, value: u.rate.clone() }).collect();
                            view! {
                                <h2>{g.label()}</h2>
                                <div class="table-wrap"><table class="table board">
                                    <thead><tr><th class="num">"Hạng"</th><th>"Đơn vị"</th><th class="num">"Tham gia"</th><th class="num">"Biên chế"</th><th class="num">"Tỷ lệ"</th><th class="num">"Điểm TB"</th><th>"Giải"</th></tr></thead>
                                    <tbody>{group.into_iter().map(|u| view! {
                                        <tr data-testid="all-rounds-row"><td class="num c-rank">{domain::results::units::rank_text(u.rank)}</td><td class="c-name">{u.name}</td><td class="num c-extra" data-label="Tham gia">{format_number(i64::from(u.participants))}</td>
                                            <td class="num c-extra" data-label="Biên chế">{format_number(i64::from(u.headcount))}</td><td class="num c-extra" data-label="Tỷ lệ">{u.rate}</td><td class="num c-extra" data-label="Điểm TB">{u.average}</td><td class="c-prize">{prize_label(u.prize)}</td></tr>
                                    }).collect_view()}</tbody>
                                </table></div>
                                <BarChart bars=bars title=format!("Tỷ lệ tham gia – {}", g.label())/>
                            }
                        }).into_iter().collect_view()
                    })
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn StageResultsPage() -> impl IntoView {
    let user = expect_context::<UserResource>();
    let publish = ServerAction::<PublishStage>::new();
    let confirm = ServerAction::<ConfirmPrizes>::new();
    let results = crate::data::page_data(
        move || publish.version().get() + confirm.version().get(),
        |_| get_stage_results(),
    );
    view! {
        <Title text="Kết quả vòng chung kết"/>
        <section class="panel" data-testid="stage-results">
            <h1>"Kết quả vòng chung kết sân khấu"</h1>
            <ActionError value=publish.value()/>
            <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move {
                    let organizer = is_organizer(&user.await.ok().flatten());
                    outcome(results.await, move |s| stage_view(s, organizer, publish, confirm))
                })}
            </Suspense>
        </section>
    }
}

fn stage_view(
    s: StageResults,
    organizer: bool,
    publish: ServerAction<PublishStage>,
    confirm: ServerAction<ConfirmPrizes>,
) -> impl IntoView {
    // Ranks mean something only once every part is in; until then the table is progress.
    let complete = s.parts_pending.is_empty();
    let max_total =
        s.teams.iter().filter_map(|t| t.total.replace(',', ".").parse::<f64>().ok()).fold(1.0f64, f64::max);
    let bars: Vec<Bar> = s
        .teams
        .iter()
        .map(|t| Bar {
            label: t.name.clone(),
            share: t.total.replace(',', ".").parse::<f64>().unwrap_or(0.0) / max_total,
            value: t.total.clone(),
        })
        .collect();
    view! {
        <p class="muted">{if s.parts_published.is_empty() { "Chưa có phần thi nào được công bố.".to_owned() } else { format!("Các phần đã công bố: {}", s.parts_published.join("; ")) }}</p>
        {organizer.then(|| view! {
            <div class="actions">
                <ActionForm action=publish attr:class="inline">
                    <input type="hidden" name="published" value=(!s.published).to_string()/>
                    {if s.published {
                        publish_button(true, None, "publish-stage", "Thu hồi công bố xếp hạng chung cuộc? Kết quả sẽ không còn hiện công khai và trên máy chiếu.".to_owned()).into_any()
                    } else {
                        let blocker = s.publish_blocker.clone();
                        view! {
                            <button type="submit" class="btn btn-primary" data-testid="publish-stage" disabled=blocker.is_some() aria-describedby="publish-blocker">"Công bố xếp hạng chung cuộc"</button>
                            {blocker.map(|b| view! { <p class="muted blocker" id="publish-blocker" data-testid="publish-blocker">{b}</p> })}
                        }.into_any()
                    }}
                </ActionForm>
                <a class="btn" href="/ban-to-chuc/ket-qua/san-khau.xlsx" download>"Excel (.xlsx)"</a>
                <a class="btn" href="/ban-to-chuc/ket-qua/san-khau.csv" download>"CSV"</a>
                <a class="btn" href="/in/san-khau">"Bản in"</a>
                <a class="btn" href="/in/giay-chung-nhan/san-khau" data-testid="certificates-link">"Giấy chứng nhận"</a>
            </div>
        })}
        <p class="muted">"Tổng = các phần thi − điểm trừ; bằng điểm xét lần lượt: tiểu phẩm, kiến thức, chào hỏi."</p>
        {organizer.then(|| if s.parts_pending.is_empty() {
            confirmation(s.confirmed.clone(), "stage".to_owned(), confirm).into_any()
        } else {
            view! { <p class="notice" data-testid="prize-status">{format!("Giải được đề xuất khi mọi phần thi đã khoá và công bố (còn: {}).", s.parts_pending.join("; "))}</p> }.into_any()
        })}
        <div class="table-wrap"><table class="table board">
            <thead><tr><th class="num">"Hạng"</th><th>"Đội"</th><th class="num">"Chào hỏi"</th><th class="num">"Kiến thức"</th><th class="num">"Tiểu phẩm"</th><th class="num">"Điểm trừ"</th><th class="num">"Tổng"</th><th>"Giải"</th></tr></thead>
            <tbody>{s.teams.into_iter().map(|t| view! {
                <tr data-testid="team-board-row">
                    <td class="num c-rank" data-testid="team-rank">{if complete { t.rank.to_string() } else { "–".to_owned() }}</td><td class="c-name">{t.name}</td><td class="num c-extra" data-label="Chào hỏi">{t.greeting}</td><td class="num c-extra" data-label="Kiến thức">{t.knowledge}</td>
                    <td class="num c-extra" data-label="Tiểu phẩm">{t.sketch}</td><td class="num c-extra" data-label="Điểm trừ">{t.penalties}</td><td class="num c-extra" data-label="Tổng"><strong>{t.total}</strong></td><td class="c-prize" data-testid="team-prize">{prize_label(t.prize)}</td>
                </tr>
            }).collect_view()}</tbody>
        </table></div>
        {s.rest_encouraged.then(|| view! { <p class="muted">"Các đội còn lại đều được giải Khuyến khích."</p> })}
        {(!s.side_prizes.is_empty()).then(|| view! {
            <h2>"Giải phụ"</h2>
            <div class="table-wrap"><table class="table" data-testid="side-prizes">
                <thead><tr><th>"Giải"</th><th>"Đội"</th><th>"Căn cứ"</th></tr></thead>
                <tbody>{s.side_prizes.iter().map(|a| view! {
                    <tr data-testid="side-prize-row">
                        <td>{a.prize.clone()}</td>
                        <td>{if a.winners.is_empty() { "Không có đội đủ điều kiện".to_owned() } else { a.winners.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>().join("; ") }}</td>
                        <td>{a.winners.first().map(|(_, score)| format!("{}: {score}", a.basis)).unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table></div>
        })}
        <BarChart bars=bars title="Tiến độ vòng chung kết: tổng điểm các phần đã công bố".into()/>
    }
}
