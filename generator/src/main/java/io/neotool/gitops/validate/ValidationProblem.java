package io.neotool.gitops.validate;

/**
 * One thing wrong with a manifest tree, located for a reviewer:
 * {@code infrastructure/production/configs/pgbouncer/deployment-pgbouncer.yaml: Deployment production/pgbouncer:
 * /spec/selector/matchLabels: expected labels that the pod template carries, got {app=other}}.
 *
 * @param file the file, relative to the repository root
 * @param object {@code Kind namespace/name}, or empty when the problem is about the file
 * @param field a JSON pointer into the object, or empty
 * @param message what was expected and what was found
 */
public record ValidationProblem(String file, String object, String field, String message) {

    public String format() {
        StringBuilder text = new StringBuilder(file).append(": ");
        if (!object.isEmpty()) {
            text.append(object).append(": ");
        }
        if (!field.isEmpty()) {
            text.append(field).append(": ");
        }
        return text.append(message).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
