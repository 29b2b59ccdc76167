//! The contest rules: how online rounds work and are ranked, and how the final on stage is
//! scored, from the rules as organizers set them.

pub use crate::wire::rules::*;
use crate::{components::outcome::outcome, error::AppError};
use domain::contest::round::GRACE_MS;
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Thể lệ hội thi";
const ONLINE: &str = "Vòng thi trực tuyến (cá nhân)";
const FINAL: &str = "Vòng chung kết sân khấu (đội thi)";

/// The final's scoring rules (public: they are the rules every team plays by).
#[server(endpoint = "rules/final")]
pub async fn get_final_rules() -> Result<FinalRules, AppError> {
    use crate::ssr::{fail, state};
    crate::service::rules::get_final_rules(&state()?).await.map_err(fail)
}

#[component]
pub fn RulesPage() -> impl IntoView {
    let grace = GRACE_MS / 1000;
    let final_rules = crate::data::page_data(|| (), |_| get_final_rules());
    view! {
        <Title text=TITLE/>
        <section class="panel prose" data-testid="rules-page">
            <h1>{TITLE}</h1>
            <nav class="tabs"><a href="#truc-tuyen">{ONLINE}</a><a href="#chung-ket">{FINAL}</a></nav>
            <h2 id="truc-tuyen">{ONLINE}</h2>
            <h3>"Làm bài"</h3>
            <ul>
                <li>"Mỗi lần làm bài, hệ thống rút ngẫu nhiên các câu hỏi từ ngân hàng câu hỏi theo cơ cấu chủ đề và mức độ do Ban tổ chức quy định; thứ tự các phương án được xáo trộn cho từng thí sinh."</li>
                <li>"Thời gian làm bài tính theo đồng hồ của máy chủ: hạn nộp là thời điểm bắt đầu cộng thời gian làm bài, nhưng không muộn hơn thời điểm kết thúc vòng thi. Đồng hồ trên màn hình chỉ để tham khảo."</li>
                <li>"Mỗi câu trả lời được lưu ngay khi chọn. Tải lại trang, mất mạng hay chuyển sang thiết bị khác, bạn vẫn tiếp tục đúng đề thi đó với thời gian còn lại như cũ."</li>
                <li>{format!("Câu trả lời đến máy chủ sau hạn nộp không được ghi nhận (chỉ chấp nhận chậm tối đa {grace} giây do đường truyền). Hết giờ, bài được tự động nộp với các câu đã lưu, kể cả khi bạn đã đóng trình duyệt.")}</li>
                <li>"Câu nhiều đáp án chỉ được tính đúng khi chọn đủ và chỉ chọn các phương án đúng."</li>
                <li>"Mỗi người được làm số lần do Ban tổ chức quy định (mặc định 3 lần); lần có kết quả cao nhất được tính."</li>
            </ul>
            <h3>"Xếp hạng"</h3>
            <p>"Kết quả tốt nhất của mỗi người được xếp hạng lần lượt theo:"</p>
            <ol>
                <li>"Số câu trả lời đúng (nhiều hơn xếp trên);"</li>
                <li>"Độ chênh lệch giữa dự đoán và số người tham gia vòng thi, chốt tại thời điểm kết thúc (ít chênh lệch hơn xếp trên; không dự đoán xếp sau mọi người có dự đoán). Số người tham gia tính theo người, không tính theo lượt làm bài;"</li>
                <li>"Thời gian làm bài (ít hơn xếp trên);"</li>
                <li>"Thời điểm nộp bài (sớm hơn xếp trên)."</li>
            </ol>
            <p>"Những người bằng nhau ở cả bốn tiêu chí được xếp đồng hạng. Mỗi người chỉ nhận một giải trong một vòng thi. Bảng xếp hạng chỉ được công bố sau khi vòng thi kết thúc và Ban tổ chức công bố kết quả."</p>
            <h2 id="chung-ket">{FINAL}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move { outcome(final_rules.await, final_view) })}
            </Suspense>
        </section>
    }
}

fn final_view(r: FinalRules) -> impl IntoView {
    let [first, second, third, encouragement] = r.prizes;
    let encouragement = if r.rest_encouraged {
        "giải Khuyến khích cho tất cả các đội còn lại".to_owned()
    } else {
        format!("{encouragement} giải Khuyến khích")
    };
    let side = if r.side.is_empty() {
        String::new()
    } else {
        format!(
            " Giải phụ: {}; xét theo điểm phần thi đã công bố, bằng điểm thì đồng giải.",
            r.side.join("; ")
        )
    };
    view! {
        <p>"Mỗi đơn vị có một đội thi. Thứ tự xuất hiện của các đội do Ban tổ chức bốc thăm."</p>
        <h3>"Các phần thi do Ban giám khảo chấm"</h3>
        <div class="table-wrap"><table class="table" data-testid="final-parts">
            <thead><tr><th>"Phần thi"</th><th class="num">"Điểm tối đa"</th><th class="num">"Thời gian"</th><th>"Tiêu chí"</th></tr></thead>
            <tbody>{r.parts.iter().map(|p| view! {
                <tr>
                    <td>{p.name.clone()}</td>
                    <td class="num">{p.max.clone()}</td>
                    <td class="num">{format!("{} phút", p.minutes)}</td>
                    <td>{p.criteria.iter().map(|(n, m)| format!("{n} {m}")).collect::<Vec<_>>().join("; ")}</td>
                </tr>
            }).collect_view()}</tbody>
        </table></div>
        <ul>
            <li>{format!("Giám khảo chấm độc lập từng tiêu chí, theo bước {} điểm.", r.parts.first().map(|p| p.step.clone()).unwrap_or_default())}</li>
            <li>"Điểm một phần thi của đội: với từ 5 phiếu hợp lệ trở lên, bỏ một tổng điểm cao nhất và một tổng điểm thấp nhất rồi lấy trung bình; ít hơn 5 phiếu thì lấy trung bình cộng. Làm tròn đến 2 chữ số thập phân (17,625 thành 17,63)."</li>
            <li>"Giám khảo không chấm đội của đơn vị mình; giám khảo dự khuyết chấm thay. Không có giám khảo dự khuyết thì điểm của đội là trung bình cộng điểm các giám khảo còn lại (không bỏ điểm cao nhất, thấp nhất)."</li>
            <li>{format!("Khi tổng điểm cao nhất và thấp nhất của một đội chênh nhau quá {}% điểm tối đa, Trưởng Ban giám khảo xem xét trước khi khoá phần thi.", r.parts.first().map_or(25, |p| p.divergence_percent))}</li>
            <li>"Phiếu đã nộp được khoá; muốn sửa phải có Trưởng Ban giám khảo hoặc Ban tổ chức mở khoá kèm lý do, mọi thay đổi đều được ghi lại."</li>
            <li>"Quá thời gian quy định: vượt đến 60 giây trừ 0,5 điểm; sau đó trừ thêm 1 điểm cho mỗi phút (chưa tròn phút tính một phút). Thư ký tính giờ và ghi điểm trừ."</li>
        </ul>
        <h3>"Phần thi kiến thức trực tiếp"</h3>
        <p>"Các đội trả lời câu hỏi trắc nghiệm trên thiết bị của đội trong thời gian tính theo đồng hồ máy chủ; mỗi câu đúng được cộng điểm theo quy định của Ban tổ chức, điểm được cộng vào phần kiến thức."</p>
        <h3>"Xếp hạng và giải thưởng"</h3>
        <p>"Tổng điểm = điểm các phần thi − điểm trừ. Bằng điểm thì xét lần lượt điểm tiểu phẩm, kiến thức, chào hỏi; vẫn bằng thì đồng giải."</p>
        <p data-testid="final-prizes">{format!("Giải đội: {first} giải Nhất, {second} giải Nhì, {third} giải Ba, {encouragement}; giải có thể để trống và có thể đồng giải.{side} Xếp hạng chung cuộc chỉ công bố khi mọi phần thi đã khoá, công bố và danh sách giải đã được Ban tổ chức xác nhận.")}</p>
    }
}
