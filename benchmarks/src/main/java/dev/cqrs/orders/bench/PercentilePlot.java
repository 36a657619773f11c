package dev.cqrs.orders.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.HdrHistogram.Histogram;

/**
 * The P2 delay distributions as percentile curves (HdrHistogram style: the x axis spreads the tail, 0 % … 99.9 %), on a
 * log delay axis, our relay solid and the polling relay dashed, one colour per offered load. Plain java.awt, headless.
 */
final class PercentilePlot {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 620;
    private static final int LEFT = 80;
    private static final int RIGHT = 250;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    private static final double MAX_NINES = 3; // 99.9 %
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e)};

    private PercentilePlot() {
    }

    static void write(Path file, List<CommitToVisible.Run> ours, List<CommitToVisible.Run> polling) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        double maxMs = 10;
        double minMs = 1;
        for (CommitToVisible.Run run : concat(ours, polling)) {
            if (run.commitToVisible().count() > 0) {
                maxMs = Math.max(maxMs, run.commitToVisible().ms(99.9));
                minMs = Math.min(minMs, Math.max(0.1, run.commitToVisible().ms(0)));
            }
        }
        double logMin = Math.floor(Math.log10(minMs));
        double logMax = Math.ceil(Math.log10(maxMs));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString("P2: commit \u2192 visible delay, our relay (solid) vs polling relay every 100 ms (dashed)", LEFT, 30);

        // Grid and axes.
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double decade = logMin; decade <= logMax; decade++) {
            for (int step : new int[] {1, 2, 5}) {
                double value = step * Math.pow(10, decade);
                double log = Math.log10(value);
                if (log > logMax + 1e-9) {
                    break;
                }
                int y = TOP + plotHeight - (int) Math.round((log - logMin) / (logMax - logMin) * plotHeight);
                g.setColor(step == 1 ? new Color(0xCCCCCC) : new Color(0xEEEEEE));
                g.drawLine(LEFT, y, LEFT + plotWidth, y);
                g.setColor(Color.DARK_GRAY);
                String label = value >= 1 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
                g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
            }
        }
        String[] percentiles = {"0%", "90%", "99%", "99.9%"};
        for (int nines = 0; nines <= MAX_NINES; nines++) {
            int x = LEFT + (int) Math.round(nines / MAX_NINES * plotWidth);
            g.setColor(new Color(0xCCCCCC));
            g.drawLine(x, TOP, x, TOP + plotHeight);
            g.setColor(Color.DARK_GRAY);
            String label = percentiles[nines];
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + plotHeight + 18);
        }
        int x50 = LEFT + (int) Math.round(Math.log10(2) / MAX_NINES * plotWidth);
        g.drawString("50%", x50 - 10, TOP + plotHeight + 18);
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);
        g.drawString("percentile", LEFT + plotWidth / 2 - 25, HEIGHT - 25);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("delay from POST answered to GET answering the order (ms, log scale)", -(TOP + plotHeight - 10), 25);
        rotated.dispose();

        // Curves and legend.
        Stroke solid = new BasicStroke(2.2f);
        Stroke dashed = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {9f, 6f}, 0f);
        int legendY = TOP + 10;
        for (int i = 0; i < Math.max(ours.size(), polling.size()); i++) {
            Color colour = COLOURS[i % COLOURS.length];
            for (int relay = 0; relay < 2; relay++) {
                List<CommitToVisible.Run> runs = relay == 0 ? ours : polling;
                if (i >= runs.size() || runs.get(i).commitToVisible().count() == 0) {
                    continue;
                }
                CommitToVisible.Run run = runs.get(i);
                Histogram histogram = run.commitToVisible().copy();
                g.setColor(colour);
                g.setStroke(relay == 0 ? solid : dashed);
                // One path per curve, so that a dashed stroke stays dashed along it.
                Path2D.Double curve = new Path2D.Double();
                for (int step = 0; step <= 600; step++) {
                    double nines = step / 600.0 * MAX_NINES;
                    double percentile = 100 * (1 - Math.pow(10, -nines));
                    double ms = Math.max(Math.pow(10, logMin), histogram.getValueAtPercentile(percentile) / 1000.0);
                    double x = LEFT + nines / MAX_NINES * plotWidth;
                    double y = TOP + plotHeight - (Math.log10(ms) - logMin) / (logMax - logMin) * plotHeight;
                    if (step == 0) {
                        curve.moveTo(x, y);
                    } else {
                        curve.lineTo(x, y);
                    }
                }
                g.draw(curve);
                g.drawLine(LEFT + plotWidth + 15, legendY, LEFT + plotWidth + 45, legendY);
                g.setStroke(new BasicStroke(1f));
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "%s %,d/s  p99 %s ms", relay == 0 ? "ours" : "polling", run.rate(),
                        Fmt.ms(run.commitToVisible().p99())), LEFT + plotWidth + 52, legendY + 4);
                legendY += 22;
            }
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static List<CommitToVisible.Run> concat(List<CommitToVisible.Run> a, List<CommitToVisible.Run> b) {
        java.util.ArrayList<CommitToVisible.Run> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
