//! The fields of an activity, shared by the "new" and "edit" forms. Problems appear beside
//! each field as the host types, by the same rules the server applies; after a submit the
//! server's answer shows there too, which is all there is without JavaScript.

use crate::components::form::Field;
use crate::error::AppError;
use crate::i18n::use_texts;
use crate::islands::activity_checks::ActivityChecks;
use crate::model::activity::{ActivityForm, RepeatKind, DESCRIPTION_MAX, TITLE_MAX};
use crate::model::form::FormErrors;
use leptos::prelude::*;

/// The problems of the form as it stands, for the fields the host has touched only: an
/// empty date is no news while they are still typing the title.
pub fn live_problems(form: &ActivityForm, touched: &[String]) -> FormErrors {
    match form.validate() {
        Ok(_) => FormErrors::new(),
        Err(errors) => FormErrors {
            fields: errors
                .fields
                .into_iter()
                .filter(|e| touched.contains(&e.field))
                .collect(),
            kept: Vec::new(),
        },
    }
}

/// Every field of an activity, named `form[…]` for a server function taking `ActivityForm`.
#[component]
pub fn ActivityFields(
    /// The server's answer to the last submit.
    error: Signal<Option<AppError>>,
    /// What the fields hold at first (an activity being edited).
    #[prop(optional)]
    values: ActivityForm,
    /// The activities in person this one may lead to: `(id, name)`.
    #[prop(optional)]
    choices: Vec<(i64, String)>,
) -> impl IntoView {
    let t = use_texts();
    let shown = error;
    // Without JavaScript, the choices made before a refused submit come back with the error.
    let kept = |field: &str, value: &str| {
        error
            .read_untracked()
            .as_ref()
            .and_then(AppError::form_errors)
            .and_then(|errors| errors.kept_value(field).map(str::to_string))
            .unwrap_or_else(|| value.to_string())
    };
    let repeat = kept("repeat", &values.repeat);
    let leads_to = kept("leads_to", &values.leads_to);
    let leads_to_problem = shown
        .read_untracked()
        .as_ref()
        .and_then(AppError::form_errors)
        .and_then(|errors| errors.for_field("leads_to"));
    view! {
        <ActivityChecks>
        <div class="activity-fields" data-problems=t.problems().to_lines()>
            <Field form="activiteit" prefix="form" name="title" label=t.activity_title_label error=shown
                maxlength=TITLE_MAX value=values.title.clone()/>
            <Field form="activiteit" prefix="form" name="description" label=t.activity_description_label
                error=shown multiline=true required=false maxlength=DESCRIPTION_MAX value=values.description.clone()/>
            <Field form="activiteit" prefix="form" name="date" label=t.activity_date_label kind="date" error=shown
                value=values.date.clone()/>
            <Field form="activiteit" prefix="form" name="start" label=t.activity_start_label kind="time" error=shown
                value=values.start.clone()/>
            <Field form="activiteit" prefix="form" name="end" label=t.activity_end_label kind="time" error=shown
                value=values.end.clone()/>
            <div class="field">
                <label for="activiteit-repeat">{t.activity_repeat_label}</label>
                <select id="activiteit-repeat" name="form[repeat]" aria-describedby="activiteit-repeat-hint">
                    {RepeatKind::ALL.into_iter().map(|r| view! {
                        <option value=r.slug() selected=repeat == r.slug()>{match r {
                            RepeatKind::Once => t.repeat_once,
                            RepeatKind::Weekly => t.repeat_weekly,
                            RepeatKind::Fortnightly => t.repeat_fortnightly,
                            RepeatKind::Monthly => t.repeat_monthly,
                        }}</option>
                    }).collect_view()}
                </select>
                <p class="field-hint" id="activiteit-repeat-hint">{t.activity_repeat_hint}</p>
            </div>
            <Field form="activiteit" prefix="form" name="until" label=t.activity_until_label kind="date" error=shown
                required=false value=values.until.clone()/>
            <Field form="activiteit" prefix="form" name="capacity" label=t.activity_capacity_label
                hint=t.activity_capacity_hint kind="number" error=shown required=false value=values.capacity.clone()/>
            <Field form="activiteit" prefix="form" name="cost" label=t.activity_cost_label hint=t.activity_cost_hint
                error=shown required=false value=values.cost.clone()/>
            <Field form="activiteit" prefix="form" name="welcomer" label=t.activity_welcomer_label
                hint=t.activity_welcomer_hint error=shown required=false value=values.welcomer.clone()/>
            <Field form="activiteit" prefix="form" name="audience" label=t.activity_audience_label error=shown
                required=false value=values.audience.clone()/>
            <Field form="activiteit" prefix="form" name="accessibility" label=t.activity_accessibility_label
                error=shown required=false multiline=true value=values.accessibility.clone()/>
            <Field form="activiteit" prefix="form" name="online_url" label=t.activity_online_label kind="url"
                hint=t.activity_online_hint error=shown required=false value=values.online_url.clone()/>
            <div class="field">
                <label for="activiteit-leads_to">{t.activity_leads_to_label}</label>
                <p class="field-hint" id="activiteit-leads_to-hint">{t.activity_leads_to_hint}</p>
                <select id="activiteit-leads_to" name="form[leads_to]"
                    aria-describedby=if leads_to_problem.is_some() {
                        "activiteit-leads_to-hint activiteit-leads_to-fout"
                    } else {
                        "activiteit-leads_to-hint"
                    }
                    aria-invalid=leads_to_problem.map(|_| "true")>
                    <option value="">{t.activity_leads_to_none}</option>
                    {choices.into_iter().map(|(id, name)| {
                        let selected = leads_to == id.to_string();
                        view! { <option value=id selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
                {leads_to_problem.map(|problem| view! {
                    <p class="field-error" id="activiteit-leads_to-fout">
                        {crate::components::form::problem_text(t, "leads_to", problem)}
                    </p>
                })}
            </div>
        </div>
        </ActivityChecks>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::form::Problem;

    fn filled() -> ActivityForm {
        ActivityForm {
            title: "Koffie-ochtend".into(),
            date: "2026-12-01".into(),
            start: "10:00".into(),
            end: "12:00".into(),
            repeat: "weekly".into(),
            ..Default::default()
        }
    }

    #[test]
    fn only_touched_fields_report_while_typing() {
        let form = ActivityForm {
            title: "Ko".into(),
            ..Default::default()
        };
        let problems = live_problems(&form, &["title".to_string()]);
        assert_eq!(
            problems.for_field("title"),
            Some(Problem::TooShort { min: 3 })
        );
        assert_eq!(problems.for_field("date"), None);
        assert!(live_problems(&filled(), &["title".to_string()]).is_empty());
    }

    #[test]
    fn end_before_start_shows_once_the_end_is_touched() {
        let form = ActivityForm {
            end: "09:00".into(),
            ..filled()
        };
        assert!(live_problems(&form, &["start".to_string()]).is_empty());
        let problems = live_problems(&form, &["start".to_string(), "end".to_string()]);
        assert_eq!(problems.for_field("end"), Some(Problem::EndBeforeStart));
    }
}
