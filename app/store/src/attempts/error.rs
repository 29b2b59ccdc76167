//! Why an attempt operation was refused.

use crate::error::StoreError;
use domain::contest::draw::DrawError;

/// Why an attempt operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum AttemptError {
    #[error("Vòng thi chưa mở.")]
    NotOpenYet,
    #[error("Vòng thi đã kết thúc.")]
    Closed,
    #[error("Đơn vị của bạn không thuộc danh sách dự thi vòng này.")]
    UnitNotAllowed,
    #[error("Bạn đã dùng hết {0} lượt làm bài của vòng thi này.")]
    NoAttemptsLeft(u32),
    #[error("Không tìm thấy bài thi.")]
    NotFound,
    #[error("Bài thi này không phải của bạn.")]
    NotYours,
    #[error("Bài thi đã nộp hoặc đã hết giờ; câu trả lời không được ghi nhận.")]
    Finished,
    #[error("Câu hỏi số {0} không có trong đề của bạn.")]
    NoSuchQuestion(i32),
    #[error("Phương án đã chọn không hợp lệ.")]
    BadOption,
    #[error("Câu hỏi này chỉ được chọn một phương án.")]
    OneOptionOnly,
    #[error("Dự đoán phải là số nguyên từ 0 đến 10.000.000.")]
    BadPrediction,
    #[error("Vòng thi này không có câu hỏi dự đoán.")]
    NoPrediction,
    #[error("{0}")]
    Draw(#[from] DrawError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for AttemptError {
    fn from(e: sea_orm::DbErr) -> Self {
        AttemptError::Store(e.into())
    }
}

pub(crate) type Result<T, E = AttemptError> = std::result::Result<T, E>;
