//! Organizers' online rounds: the list with live progress, and the settings form.

use super::OrganizerNav;
use crate::components::{
    forms::{ActionError, ActionSuccess},
    outcome::outcome,
};
use domain::{
    Difficulty,
    contest::round::{Phase, ReviewPolicy},
    text::format_number,
    time::format_datetime,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::rounds_api::*;

/// A time as "10/07/2017 08:30".
const DATE_TIME_PATTERN: &str = r"\s*\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}\s*";
const DATE_TIME_HINT: &str = "Ngày/tháng/năm và giờ:phút theo 24 giờ, ví dụ 10/07/2017 08:30";
const TITLE: &str = "Vòng thi trực tuyến";
const NEW: &str = "Tạo vòng thi";
const NAME: &str = "Tên vòng thi";
const WHEN: &str = "Thời gian";
const STATUS: &str = "Trạng thái";
const PARTICIPANTS: &str = "Người tham gia";
const RUNNING: &str = "Đang làm bài";
const FINISHED: &str = "Lượt đã nộp";
const EMPTY: &str = "Chưa có vòng thi nào.";
const OPENS: &str = "Mở lúc";
const CLOSES: &str = "Kết thúc lúc";
const LIMIT: &str = "Thời gian làm bài (phút)";
const ATTEMPTS: &str = "Số lần được làm";
const PREDICTION: &str = "Có câu hỏi dự đoán số người tham gia";
const REVIEW: &str = "Công bố đáp án, giải thích cho thí sinh";
const UNITS: &str = "Đơn vị được tham gia (không chọn đơn vị nào: tất cả)";
const FREEZE: &str = "Chốt bảng xếp hạng đơn vị trước khi kết thúc (phút, 0: không chốt)";
const BLUEPRINT: &str = "Cơ cấu đề thi";
const BLUEPRINT_HINT: &str = "Mỗi dòng: số câu rút theo chủ đề và mức độ (để “Bất kỳ” nếu không giới hạn). Các dòng được rút lần lượt, không trùng câu và không lấy hai câu cùng một nhóm (cùng kiểm tra một nội dung).";
const AS_OF: &str = "Chỉ rút câu hỏi có căn cứ pháp lý ban hành (và có hiệu lực, nếu câu hỏi cần) đến ngày";
const AS_OF_HINT: &str = "Ngày/tháng/năm, ví dụ 30/9/2017 (hết Quý III năm 2017). Để trống: không giới hạn.";
const ANY_TOPIC: &str = "Bất kỳ chủ đề";
const ANY_LEVEL: &str = "Bất kỳ mức độ";
const COUNT: &str = "Số câu";
const AVAILABLE: &str = "Câu hỏi đang dùng theo chủ đề và mức độ";
const SAVE: &str = "Lưu vòng thi";
const SAVED: &str = "Đã lưu vòng thi.";
const BACK: &str = "‹ Danh sách vòng thi";
const LOADING: &str = "Đang tải…";

fn phase_label(p: Phase) -> &'static str {
    match p {
        Phase::Upcoming => "Sắp mở",
        Phase::Open => "Đang mở",
        Phase::Closed => "Đã kết thúc",
    }
}

#[component]
pub fn RoundsPage() -> impl IntoView {
    // Participants and running attempts change by the second during a round.
    let ticks = crate::components::live_events::refresh_every(std::time::Duration::from_secs(10));
    let rounds = crate::data::page_data(move || ticks.get(), |_| list_rounds());
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="rounds-page">
            <h1>{TITLE}</h1>
            <OrganizerNav/>
            <p><a class="btn btn-primary" href="/ban-to-chuc/vong-thi/moi" data-testid="new-round">{NEW}</a></p>
            <Transition fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move { outcome(rounds.await, round_table) })}
            </Transition>
        </section>
    }
}

fn round_table(rows: Vec<RoundRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted">{EMPTY}</p> }.into_any();
    }
    view! {
        <div class="table-wrap"><table class="table">
            <thead><tr>
                <th>{NAME}</th><th>{WHEN}</th><th>{STATUS}</th>
                <th class="num">{PARTICIPANTS}</th><th class="num">{RUNNING}</th><th class="num">{FINISHED}</th>
            </tr></thead>
            <tbody>{rows.into_iter().map(|r| view! {
                <tr data-testid="round-row">
                    <td><a href=format!("/ban-to-chuc/vong-thi/{}", r.id)>{r.name}</a></td>
                    <td>{format!("{} – {}", format_datetime(r.opens_ms), format_datetime(r.closes_ms))}</td>
                    <td>{phase_label(r.phase)}</td>
                    <td class="num">{format_number(r.participants as i64)}</td>
                    <td class="num">{format_number(r.running as i64)}</td>
                    <td class="num">{format_number(r.finished as i64)}</td>
                </tr>
            }).collect_view()}</tbody>
        </table></div>
    }
    .into_any()
}

#[component]
pub fn RoundEditPage() -> impl IntoView {
    let params = use_params_map();
    let save = ServerAction::<SaveRound>::new();
    let form = crate::data::page_data(
        move || (params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok())), save.version().get()),
        |(id, _)| get_round_form(id),
    );
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="round-edit-page">
            <OrganizerNav/>
            <p><a href="/ban-to-chuc/vong-thi">{BACK}</a></p>
            <ActionError value=save.value()/>
            <ActionSuccess value=save.value() message=SAVED/>
            <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move { outcome(form.await, move |f| round_form(f, save)) })}
            </Suspense>
        </section>
    }
}

fn round_form(f: RoundForm, save: ServerAction<SaveRound>) -> impl IntoView {
    let title = if f.id.is_some() { f.name.clone() } else { NEW.to_owned() };
    let topics = f.topics.clone();
    view! {
        <h1>{title}</h1>
        {f.progress.map(|(participants, running, finished)| view! {
            <div class="stats">
                <div class="stat"><strong data-testid="round-participants">{format_number(participants as i64)}</strong><span>{PARTICIPANTS}</span></div>
                <div class="stat"><strong>{format_number(running as i64)}</strong><span>{RUNNING}</span></div>
                <div class="stat"><strong>{format_number(finished as i64)}</strong><span>{FINISHED}</span></div>
            </div>
        })}
        <ActionForm action=save attr:class="form" attr:data-testid="round-form">
            {f.id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            <label><span>{NAME}</span><input type="text" name="name" required value=f.name.clone() data-testid="round-name"/></label>
            <div class="form-inline">
                // Day first and 24-hour, as Vietnamese forms write times, whatever the browser's language.
                <label><span>{OPENS}</span><input type="text" name="opens" required value=f.opens.clone() placeholder="ngày/tháng/năm giờ:phút" pattern=DATE_TIME_PATTERN inputmode="numeric" title=DATE_TIME_HINT data-testid="round-opens"/></label>
                <label><span>{CLOSES}</span><input type="text" name="closes" required value=f.closes.clone() placeholder="ngày/tháng/năm giờ:phút" pattern=DATE_TIME_PATTERN inputmode="numeric" title=DATE_TIME_HINT data-testid="round-closes"/></label>
            </div>
            <div class="form-inline">
                <label><span>{LIMIT}</span><input type="number" name="time_limit_minutes" min="1" max="180" required value=f.time_limit_minutes/></label>
                <label><span>{ATTEMPTS}</span><input type="number" name="attempts_allowed" min="1" max="10" required value=f.attempts_allowed/></label>
                <label>
                    <span>{REVIEW}</span>
                    <select name="review_policy">
                        {ReviewPolicy::ALL.map(|p| view! { <option value=p.as_str() selected=p == f.review_policy>{p.label()}</option> }).into_iter().collect_view()}
                    </select>
                </label>
            </div>
            <label class="check"><input type="checkbox" name="prediction_enabled" value="on" checked=f.prediction_enabled/><span>{PREDICTION}</span></label>
            <label><span>{FREEZE}</span><input type="number" name="freeze_minutes" min="0" value=f.freeze_minutes/></label>
            <h2>{BLUEPRINT}</h2>
            <p class="muted">{BLUEPRINT_HINT}</p>
            <label><span>{AS_OF}</span><input type="text" name="as_of" value=f.as_of.clone() placeholder="ngày/tháng/năm" pattern=r"\s*(\d{1,2}/\d{1,2}/\d{4})?\s*" inputmode="numeric" title=AS_OF_HINT data-testid="round-as-of"/><small class="muted">{AS_OF_HINT}</small></label>
            {f.blueprint.iter().enumerate().map(|(i, row)| {
                let topics = topics.clone();
                view! {
                    <div class="form-inline blueprint-row">
                        <label><span>"Chủ đề"</span>
                            <select name=format!("blueprint[{i}][topic]")>
                                <option value="">{ANY_TOPIC}</option>
                                {topics.into_iter().map(|(slug, name)| {
                                    let selected = slug == row.topic;
                                    view! { <option value=slug selected=selected>{name}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <label><span>"Mức độ"</span>
                            <select name=format!("blueprint[{i}][difficulty]")>
                                <option value="">{ANY_LEVEL}</option>
                                {Difficulty::ALL.map(|d| view! { <option value=d.as_str() selected=d.as_str() == row.difficulty>{d.label()}</option> }).into_iter().collect_view()}
                            </select>
                        </label>
                        <label><span>{COUNT}</span><input type="number" min="0" max="100" name=format!("blueprint[{i}][count]") value=row.count.clone()/></label>
                    </div>
                }
            }).collect_view()}
            <details>
                <summary>{AVAILABLE}</summary>
                <div class="table-wrap"><table class="table">
                    <tbody>{f.available.iter().map(|(t, d, n)| view! { <tr><td>{t.clone()}</td><td>{d.label()}</td><td class="num">{*n}</td></tr> }).collect_view()}</tbody>
                </table></div>
            </details>
            <h2>{UNITS}</h2>
            <div class="unit-checks">
                {f.units.iter().map(|(id, name)| view! {
                    <label class="check"><input type="checkbox" name=format!("units[{id}]") value="on" checked=f.unit_ids.contains(id)/><span>{name.clone()}</span></label>
                }).collect_view()}
            </div>
            <button type="submit" class="btn btn-primary" data-testid="save-round">{SAVE}</button>
        </ActionForm>
    }
}
