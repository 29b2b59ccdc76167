//! Typed JSON in a TEXT column: read back into its type, and a value that does not parse is an
//! error (never silently an empty default).

use serde::{Serialize, de::DeserializeOwned};
use std::sync::Arc;

/// A value stored as JSON text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Json<T>(pub T);

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[derive(Debug, thiserror::Error)]
#[error("stored JSON does not parse: {0}")]
struct BadJson(String);

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, BadJson> {
    serde_json::from_str(text).map_err(|e| BadJson(e.to_string()))
}

impl<T: Serialize> From<Json<T>> for sea_orm::Value {
    fn from(value: Json<T>) -> Self {
        // Serializing plain data (numbers, strings, vectors, structs of them) cannot fail.
        serde_json::to_string(&value.0).unwrap_or_default().into()
    }
}

impl<T: DeserializeOwned> sea_orm::TryGetable for Json<T> {
    fn try_get_by<I: sea_orm::ColIdx>(
        res: &sea_orm::QueryResult,
        idx: I,
    ) -> Result<Self, sea_orm::TryGetError> {
        let text = String::try_get_by(res, idx)?;
        parse(&text).map(Json).map_err(|e| {
            sea_orm::TryGetError::DbErr(sea_orm::DbErr::TryIntoErr {
                from: "String",
                into: std::any::type_name::<T>(),
                source: Arc::new(e),
            })
        })
    }
}

impl<T: DeserializeOwned> sea_orm::sea_query::ValueType for Json<T> {
    fn try_from(v: sea_orm::Value) -> Result<Self, sea_orm::sea_query::ValueTypeErr> {
        let text = <String as sea_orm::sea_query::ValueType>::try_from(v)?;
        parse(&text).map(Json).map_err(|_| sea_orm::sea_query::ValueTypeErr)
    }

    fn type_name() -> String {
        format!("Json<{}>", std::any::type_name::<T>())
    }

    fn array_type() -> sea_orm::sea_query::ArrayType {
        sea_orm::sea_query::ArrayType::String
    }

    fn column_type() -> sea_orm::sea_query::ColumnType {
        sea_orm::sea_query::ColumnType::Text
    }
}

impl<T> sea_orm::sea_query::Nullable for Json<T> {
    fn null() -> sea_orm::Value {
        sea_orm::Value::String(None)
    }
}

impl<T: Serialize + DeserializeOwned> sea_orm::IntoActiveValue<Json<T>> for Json<T> {
    fn into_active_value(self) -> sea_orm::ActiveValue<Json<T>> {
        sea_orm::ActiveValue::Set(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::sea_query::ValueType;

    #[test]
    fn json_text_round_trips_and_garbage_is_an_error_not_a_default() {
        let v: sea_orm::Value = Json(vec![3, 1, 2]).into();
        assert_eq!(<Json<Vec<i32>> as ValueType>::try_from(v).map(|j| j.0).ok(), Some(vec![3, 1, 2]));
        let garbage: sea_orm::Value = "not json".into();
        assert!(<Json<Vec<i32>> as ValueType>::try_from(garbage).is_err());
    }
}
