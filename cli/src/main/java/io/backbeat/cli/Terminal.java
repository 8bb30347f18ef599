package io.backbeat.cli;

import java.lang.reflect.Method;

/** Whether the command talks to a person: progress is drawn only then. */
public final class Terminal {

    private Terminal() {}

    /**
     * True when the console is a terminal: {@code Console.isTerminal()} where the JDK has it (22+, where a
     * console exists even for redirected output), a console at all on 21.
     */
    public static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
