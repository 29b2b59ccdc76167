//! Print-ready results in the style of an official report (A4).

use super::{
    api::{RoundResults, StageResults, get_round_results, get_stage_results},
    prize_label,
};
use crate::components::outcome::outcome;
use domain::{UnitGroup, text::format_number, time::format_duration};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
fn Letterhead(title: String, subtitle: String, date: String) -> impl IntoView {
    view! {
        <header class="letterhead">
            <div class="lh-left"><strong>"UBND TỈNH BÌNH ĐỊNH"</strong><br/><strong>"BAN TỔ CHỨC HỘI THI"</strong></div>
            <div class="lh-right"><strong>"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</strong><br/><u><strong>"Độc lập – Tự do – Hạnh phúc"</strong></u><br/><em>{date}</em></div>
        </header>
        <h1 class="report-title">{title}</h1>
        <p class="report-subtitle">{subtitle}</p>
    }
}

#[component]
fn Signature() -> impl IntoView {
    view! {
        <div class="signature"><strong>"TM. BAN TỔ CHỨC"</strong><br/><strong>"TRƯỞNG BAN"</strong></div>
    }
}

#[component]
pub fn PrintRoundPage() -> impl IntoView {
    let params = use_params_map();
    let results = crate::data::page_data(
        move || params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0)),
        get_round_results,
    );
    view! {
        <Title text="Bản in kết quả"/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { outcome(results.await, |r| { let date = r.printed_on.clone(); view! { <PrintRound r=r date=date/> } }) })}
        </Suspense>
    }
}

#[component]
fn PrintRound(r: RoundResults, date: String) -> impl IntoView {
    let winners: Vec<_> = r.people.iter().filter(|p| p.prize.is_some()).cloned().collect();
    view! {
        <article class="report" data-testid="print-round">
            <Letterhead title=format!("KẾT QUẢ {}", r.name.to_uppercase()) subtitle="Hội thi tuyên truyền, cổ động về cải cách hành chính tỉnh Bình Định năm 2017".into() date=date/>
            <h2>"I. Giải cá nhân"</h2>
            <table class="report-table">
                <thead><tr><th>"TT"</th><th>"Giải"</th><th>"Họ và tên"</th><th>"Đơn vị"</th><th>"Số câu đúng"</th><th>"Thời gian"</th></tr></thead>
                <tbody>{winners.into_iter().enumerate().map(|(i, p)| view! {
                    <tr data-testid="print-winner"><td>{i + 1}</td><td>{prize_label(p.prize)}</td><td>{p.name}</td><td>{p.unit}</td>
                        <td>{format!("{}/{}", p.correct, p.total)}</td><td>{format_duration(p.duration_ms)}</td></tr>
                }).collect_view()}</tbody>
            </table>
            {(!r.corrections.is_empty()).then(|| view! {
                <p class="report-note" data-testid="print-corrections">
                    {r.corrections.iter().map(|n| format!("Kết quả đã được chấm lại lúc {}: câu hỏi “{}”, {}. Lý do: {}. ", domain::time::format_datetime(n.at_ms), n.question, n.label, n.reason)).collect::<String>()}
                </p>
            })}
            <h2>"II. Kết quả tập thể"</h2>
            {UnitGroup::ALL.map(|g| {
                let rows: Vec<_> = r.units.iter().filter(|u| u.group == g).cloned().collect();
                view! {
                    <h3>{g.label()}</h3>
                    <table class="report-table">
                        <thead><tr><th>"Hạng"</th><th>"Đơn vị"</th><th>"Tham gia"</th><th>"Biên chế"</th><th>"Tỷ lệ"</th><th>"Điểm TB"</th><th>"Giải"</th></tr></thead>
                        <tbody>{rows.into_iter().map(|u| view! {
                            <tr><td>{domain::results::units::rank_text(u.rank)}</td><td>{u.name}</td><td>{format_number(i64::from(u.participants))}</td><td>{format_number(i64::from(u.headcount))}</td>
                                <td>{u.rate}</td><td>{u.average}</td><td>{prize_label(u.prize)}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                }
            }).into_iter().collect_view()}
            <Signature/>
        </article>
    }
}

#[component]
pub fn PrintStagePage() -> impl IntoView {
    let results = crate::data::page_data(|| (), |_| get_stage_results());
    view! {
        <Title text="Bản in kết quả vòng chung kết"/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { outcome(results.await, |s| { let date = s.printed_on.clone(); view! { <PrintStage s=s date=date/> } }) })}
        </Suspense>
    }
}

#[component]
fn PrintStage(s: StageResults, date: String) -> impl IntoView {
    view! {
        <article class="report" data-testid="print-stage">
            <Letterhead title="KẾT QUẢ VÒNG CHUNG KẾT".into() subtitle="Hội thi tuyên truyền, cổ động về cải cách hành chính tỉnh Bình Định năm 2017".into() date=date/>
            <table class="report-table">
                <thead><tr><th>"Hạng"</th><th>"Đội"</th><th>"Chào hỏi"</th><th>"Kiến thức"</th><th>"Tiểu phẩm"</th><th>"Điểm trừ"</th><th>"Tổng"</th><th>"Giải"</th></tr></thead>
                <tbody>{s.teams.into_iter().map(|t| view! {
                    <tr data-testid="print-team"><td>{t.rank}</td><td>{t.name}</td><td>{t.greeting}</td><td>{t.knowledge}</td><td>{t.sketch}</td>
                        <td>{t.penalties}</td><td><strong>{t.total}</strong></td><td>{prize_label(t.prize)}</td></tr>
                }).collect_view()}</tbody>
            </table>
            {(!s.side_prizes.is_empty()).then(|| view! {
                <h2>"Giải phụ"</h2>
                <table class="report-table">
                    <thead><tr><th>"Giải"</th><th>"Đội"</th><th>"Căn cứ"</th></tr></thead>
                    <tbody>{s.side_prizes.iter().map(|a| view! {
                        <tr data-testid="print-side-prize"><td>{a.prize.clone()}</td>
                            <td>{a.winners.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>().join("; ")}</td>
                            <td>{a.winners.first().map(|(_, score)| format!("{}: {score}", a.basis)).unwrap_or_default()}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            })}
            <Signature/>
        </article>
    }
}
