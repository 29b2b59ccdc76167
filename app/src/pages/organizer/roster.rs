use super::OrganizerNav;
use crate::components::forms::FilePicker;
pub use crate::wire::roster::*;
use crate::{components::outcome::outcome, error::AppError};
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Nhập danh sách thí sinh";
const INTRO: &str = "Tải lên tệp Excel (.xlsx) hoặc CSV theo mẫu. Nếu có bất kỳ dòng nào lỗi, hệ thống không nhập dòng nào và liệt kê tất cả các dòng cần sửa.";
const TEMPLATE: &str = "Tải tệp mẫu:";
const UPLOAD: &str = "Tải lên và nhập";
const COLUMNS: &str = "Các cột: Họ và tên · Đơn vị (đúng tên trong danh sách đơn vị) · Email hoặc số điện thoại · Mật khẩu (để trống để hệ thống tự tạo).";
const REJECTED: &str = "Chưa nhập tài khoản nào. Hãy sửa các dòng sau rồi tải lên lại:";
const GENERATED: &str = "Mật khẩu do hệ thống tạo (chỉ hiển thị một lần, hãy lưu lại và gửi cho thí sinh):";
const LOGIN: &str = "Tên đăng nhập";
const NAME: &str = "Họ và tên";
const PASSWORD: &str = "Mật khẩu";
const WHERE: &str = "Vị trí";
const PROBLEM: &str = "Lỗi";

/// Takes the outcome of the last upload out of the session (it is shown once).
#[server(endpoint = "organizer/roster-result")]
pub async fn take_roster_result() -> Result<Option<RosterOutcome>, AppError> {
    use crate::ssr::{caller_as, fail};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::roster::take_roster_result(&me, &crate::ssr::session().await?).await.map_err(fail)
}

#[component]
pub fn RosterPage() -> impl IntoView {
    let result = crate::data::page_data(|| (), |_| take_roster_result());
    view! {
        <Title text=TITLE/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                outcome(result.await, |last| view! {
                    <section class="panel" data-testid="roster-page">
                        <h1>{TITLE}</h1>
                        <OrganizerNav/>
                        <p>{INTRO}</p>
                        <p class="muted">{COLUMNS}</p>
                        <p>{TEMPLATE}" "
                            <a href="/ban-to-chuc/nhap-danh-sach/mau.xlsx" download>"mau-danh-sach.xlsx"</a>" · "
                            <a href="/ban-to-chuc/nhap-danh-sach/mau.csv" download>"mau-danh-sach.csv"</a>
                        </p>
                        <form method="post" action="/ban-to-chuc/nhap-danh-sach/tai-len" enctype="multipart/form-data" class="form form-inline" data-testid="roster-form">
                            <FilePicker testid="roster-file"/>
                            <button type="submit" class="btn btn-primary" data-testid="roster-submit">{UPLOAD}</button>
                        </form>
                        {last.map(outcome_view)}
                    </section>
                })
            })}
        </Suspense>
    }
}

fn outcome_view(outcome: RosterOutcome) -> impl IntoView {
    match outcome {
        RosterOutcome::Imported { file, created, generated } => view! {
            <div class="notice notice-ok" data-testid="roster-imported">
                <p>{format!("Đã nhập {created} tài khoản từ tệp “{file}”.")}</p>
            </div>
            {(!generated.is_empty()).then(|| view! {
                <p>{GENERATED}</p>
                <div class="table-wrap"><table class="table">
                    <thead><tr><th>{NAME}</th><th>{LOGIN}</th><th>{PASSWORD}</th></tr></thead>
                    <tbody>{generated.into_iter().map(|(name, login, password)| view! {
                        <tr><td>{name}</td><td><code>{login}</code></td><td><code>{password}</code></td></tr>
                    }).collect_view()}</tbody>
                </table></div>
            })}
        }
        .into_any(),
        RosterOutcome::Rejected { file, message, problems } => view! {
            <div class="notice notice-error" role="alert" data-testid="roster-rejected">
                <p><strong>{format!("Tệp “{file}”: {message}")}</strong></p>
                {(!problems.is_empty()).then_some(view! { <p>{REJECTED}</p> })}
            </div>
            {(!problems.is_empty()).then(|| view! {
                <div class="table-wrap"><table class="table">
                    <thead><tr><th>{WHERE}</th><th>{PROBLEM}</th></tr></thead>
                    <tbody>{problems.into_iter().map(|(location, problem)| view! {
                        <tr data-testid="roster-problem"><td>{location}</td><td>{problem}</td></tr>
                    }).collect_view()}</tbody>
                </table></div>
            })}
        }
        .into_any(),
    }
}
