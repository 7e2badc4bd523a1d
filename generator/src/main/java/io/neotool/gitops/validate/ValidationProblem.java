package io.neotool.gitops.validate;

/**
 * One thing wrong with a manifest tree, located for a reviewer: {@code
 * infrastructure/production/configs/pgbouncer/deployment-pgbouncer.yaml: Deployment
 * production/pgbouncer: /spec/selector/matchLabels: expected labels that the pod template carries,
 * got {app=other}}.
 *
 * @param file the file, relative to the repository root
 * @param object the object, or {@link ObjectRef#NONE} when the problem is about the file
 * @param field a JSON pointer into the object, or empty
 * @param message what was expected and what was found
 * @param source where in a config the object comes from ({@code config/production.yaml:33:5}), or
 *     empty
 */
public record ValidationProblem(
        String file, ObjectRef object, String field, String message, String source) {

    public ValidationProblem(String file, ObjectRef object, String field, String message) {
        this(file, object, field, message, "");
    }

    public ValidationProblem withSource(String where) {
        return new ValidationProblem(file, object, field, message, where);
    }

    public String format() {
        StringBuilder text = new StringBuilder(file).append(": ");
        if (!object.isNone()) {
            text.append(object).append(": ");
        }
        if (!field.isEmpty()) {
            text.append(field).append(": ");
        }
        text.append(message);
        if (!source.isEmpty()) {
            text.append(" (generated from ").append(source).append(')');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
