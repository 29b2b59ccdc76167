//! The contest rules for contestants: how online rounds work and how they are ranked.

use domain::contest::round::GRACE_MS;
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Thể lệ vòng thi trực tuyến";

#[component]
pub fn RulesPage() -> impl IntoView {
    let grace = GRACE_MS / 1000;
    view! {
        <Title text=TITLE/>
        <section class="panel prose" data-testid="rules-page">
            <h1>{TITLE}</h1>
            <h2>"Làm bài"</h2>
            <ul>
                <li>"Mỗi lần làm bài, hệ thống rút ngẫu nhiên các câu hỏi từ ngân hàng câu hỏi theo cơ cấu chủ đề và mức độ do Ban tổ chức quy định; thứ tự các phương án được xáo trộn cho từng thí sinh."</li>
                <li>"Thời gian làm bài tính theo đồng hồ của máy chủ: hạn nộp là thời điểm bắt đầu cộng thời gian làm bài, nhưng không muộn hơn thời điểm kết thúc vòng thi. Đồng hồ trên màn hình chỉ để tham khảo."</li>
                <li>"Mỗi câu trả lời được lưu ngay khi chọn. Tải lại trang, mất mạng hay chuyển sang thiết bị khác, bạn vẫn tiếp tục đúng đề thi đó với thời gian còn lại như cũ."</li>
                <li>{format!("Câu trả lời đến máy chủ sau hạn nộp không được ghi nhận (chỉ chấp nhận chậm tối đa {grace} giây do đường truyền). Hết giờ, bài được tự động nộp với các câu đã lưu, kể cả khi bạn đã đóng trình duyệt.")}</li>
                <li>"Câu nhiều đáp án chỉ được tính đúng khi chọn đủ và chỉ chọn các phương án đúng."</li>
                <li>"Mỗi người được làm số lần do Ban tổ chức quy định (mặc định 3 lần); lần có kết quả cao nhất được tính."</li>
            </ul>
            <h2>"Xếp hạng"</h2>
            <p>"Kết quả tốt nhất của mỗi người được xếp hạng lần lượt theo:"</p>
            <ol>
                <li>"Số câu trả lời đúng (nhiều hơn xếp trên);"</li>
                <li>"Độ chênh lệch giữa dự đoán và số người tham gia vòng thi, chốt tại thời điểm kết thúc (ít chênh lệch hơn xếp trên; không dự đoán xếp sau mọi người có dự đoán). Số người tham gia tính theo người, không tính theo lượt làm bài;"</li>
                <li>"Thời gian làm bài (ít hơn xếp trên);"</li>
                <li>"Thời điểm nộp bài (sớm hơn xếp trên)."</li>
            </ol>
            <p>"Những người bằng nhau ở cả bốn tiêu chí được xếp đồng hạng. Mỗi người chỉ nhận một giải trong một vòng thi. Bảng xếp hạng chỉ được công bố sau khi vòng thi kết thúc và Ban tổ chức công bố kết quả."</p>
        </section>
    }
}
