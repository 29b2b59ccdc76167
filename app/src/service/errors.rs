//! What users are told when a use case is refused: every store error becomes an [`AppError`]
//! with its status and Vietnamese message, so use cases simply use `?`. Unexpected causes are
//! logged here and shown as a generic failure.

use crate::error::AppError;
use store::{Busy, StoreError, Taken, attempts::AttemptError, live::LiveError, stage::StageError};

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Invalid(e) => AppError::Invalid(e.to_string()),
            StoreError::Conflict(Taken::Login) => {
                AppError::Conflict("Email, số điện thoại hoặc tên đăng nhập này đã có tài khoản.".into())
            }
            StoreError::Conflict(Taken::UnitName) => AppError::Conflict("Đã có đơn vị mang tên này.".into()),
            StoreError::Conflict(Taken::MultipleAnswer) => {
                AppError::invalid("Câu hỏi nhiều đáp án không dùng được cho phần thi trực tiếp.")
            }
            StoreError::Conflict(Taken::SameFamily) => AppError::invalid(
                "Có hai câu hỏi cùng một nhóm (cùng kiểm tra một nội dung): mỗi nhóm chỉ chọn một câu.",
            ),
            StoreError::InUse(Busy::RoundStarted) => {
                AppError::Conflict("Vòng thi đã có người làm bài: không thể đổi cơ cấu đề.".into())
            }
            StoreError::InUse(Busy::UnitHasAccounts) => {
                AppError::Conflict("Không xoá được vì dữ liệu này đang được sử dụng.".into())
            }
            StoreError::InUse(Busy::RoundOpen) => {
                AppError::Conflict("Vòng thi chưa kết thúc: chưa thể công bố kết quả.".into())
            }
            StoreError::InUse(Busy::NotEnoughQuestions) => AppError::invalid(
                "Không đủ câu hỏi một đáp án thuộc chủ đề và mức độ đã chọn \
                     (mỗi nhóm câu hỏi chỉ lấy một câu, chỉ lấy câu có căn cứ ban hành trước ngày thi).",
            ),
            StoreError::UnitRequired => AppError::invalid("Thí sinh phải thuộc một đơn vị."),
            other => {
                tracing::error!(error = %other, "request failed");
                AppError::Internal
            }
        }
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        StoreError::from(err).into()
    }
}

/// 403 for another person's attempt, 409 for the state of the round or attempt, 422 for bad input.
impl From<AttemptError> for AppError {
    fn from(e: AttemptError) -> Self {
        let message = e.to_string();
        match e {
            AttemptError::NotFound => AppError::NotFound,
            AttemptError::NotYours => AppError::Refused(message),
            AttemptError::NoSuchQuestion(_)
            | AttemptError::BadOption
            | AttemptError::OneOptionOnly
            | AttemptError::BadPrediction
            | AttemptError::NoPrediction => AppError::Invalid(message),
            AttemptError::Store(e) => e.into(),
            _ => AppError::Conflict(message),
        }
    }
}

impl From<StageError> for AppError {
    fn from(e: StageError) -> Self {
        let message = e.to_string();
        match e {
            StageError::NotFound => AppError::NotFound,
            StageError::Recused | StageError::NotAssigned => AppError::Refused(message),
            StageError::Points { .. }
            | StageError::MissingReason
            | StageError::Incomplete
            | StageError::WrongShape => AppError::Invalid(message),
            StageError::Store(e) => e.into(),
            _ => AppError::Conflict(message),
        }
    }
}

impl From<LiveError> for AppError {
    fn from(e: LiveError) -> Self {
        let message = e.to_string();
        match e {
            LiveError::NotFound => AppError::NotFound,
            LiveError::NotPlaying => AppError::Refused(message),
            LiveError::BadOption | LiveError::MissingReason | LiveError::Empty => AppError::Invalid(message),
            LiveError::Store(e) => e.into(),
            _ => AppError::Conflict(message),
        }
    }
}
