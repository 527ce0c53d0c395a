pub mod login;
pub mod overview;
pub mod signup;
