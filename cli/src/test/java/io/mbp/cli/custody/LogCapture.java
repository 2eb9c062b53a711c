package io.mbp.cli.custody;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Every log line (INFO and up) written while open, as the file log would hold it: the tests'
 * Log4j configuration has no file appender, so this stands in for data/logs/mbp.log.
 */
final class LogCapture implements AutoCloseable {
    private final StringWriter lines = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final WriterAppender appender;
    private final Level previous;

    LogCapture() {
        appender = WriterAppender.newBuilder().setName("capture-" + System.nanoTime()).setTarget(lines)
                .setLayout(PatternLayout.newBuilder().withPattern("%-5level %c{1} - %msg%n").build()).build();
        appender.start();
        context.getConfiguration().addAppender(appender);
        LoggerConfig root = context.getConfiguration().getRootLogger();
        previous = root.getLevel();
        root.addAppender(appender, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
    }

    String text() {
        return lines.toString();
    }

    @Override
    public void close() {
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(appender.getName());
        root.setLevel(previous);
        context.updateLoggers();
        appender.stop();
    }
}
