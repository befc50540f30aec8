package org.planledger.query.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;

/** A command side's refusal in the user's language, for the console's forms. */
final class Refusals {

    private Refusals() {
    }

    /** A refused rule ({@code form.rule.required}, {@code form.rule.size} with its bound), or the rule and detail. */
    static String explain(MessageSource messages, String rule, String detail, Locale locale) {
        String base = rule.contains(":") ? rule.substring(0, rule.indexOf(':')) : rule;
        String bound = rule.contains(":") ? rule.substring(rule.indexOf(':') + 1) : "";
        return messages.getMessage("form.rule." + base, new Object[] {bound, detail}, null, locale) != null
                ? messages.getMessage("form.rule." + base, new Object[] {bound, detail}, locale)
                : messages.getMessage("form.rule.other", new Object[] {rule, detail}, locale);
    }

    /** The answer's status in the user's language ({@code form.code.CONFLICT}), when no field says more. */
    static String general(MessageSource messages, CommandSide.Answer answer, Locale locale) {
        return messages.getMessage("form.code." + answer.code(), null,
                messages.getMessage("form.code.other", new Object[] {answer.status()}, locale), locale);
    }

    /**
     * Puts a refusal on the form's model: {@code fieldErrors} (the form's input → its texts) for each refused field
     * the form has, {@code generalErrors} for the rest, led by the answer's status when no field says it.
     *
     * @param inputOf the form's input a refused field belongs to
     * @param onForm  whether the form has that input
     */
    static void show(Model model, MessageSource messages, CommandSide.Answer answer, Locale locale,
            Function<String, String> inputOf, Predicate<String> onForm) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        for (CommandSide.FieldError error : answer.errors()) {
            String field = inputOf.apply(error.field());
            String text = explain(messages, error.rule(), error.message(), locale);
            if (onForm.test(field)) {
                fieldErrors.merge(field, text, (a, b) -> a + " " + b);
            } else {
                general.add(text);
            }
        }
        if (answer.errors().isEmpty() || !general.isEmpty() && fieldErrors.isEmpty()) {
            general.add(0, general(messages, answer, locale));
        }
        model.addAttribute("fieldErrors", fieldErrors);
        model.addAttribute("generalErrors", general);
    }
}
