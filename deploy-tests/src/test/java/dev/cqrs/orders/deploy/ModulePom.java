package dev.cqrs.orders.deploy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A module's coordinates from its pom.xml: artifactId, version (inherited from the parent if absent), exec classifier,
 * and the artifactIds of its direct dependencies.
 */
record ModulePom(String artifactId, String version, String execClassifier, Set<String> dependencies) {

    ModulePom(String artifactId, String version, String execClassifier) {
        this(artifactId, version, execClassifier, Set.of());
    }

    static ModulePom parse(String pomXml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(pomXml.getBytes(StandardCharsets.UTF_8)));
            Element project = doc.getDocumentElement();
            String artifactId = childText(project, "artifactId");
            String version = childText(project, "version");
            if (version == null) {
                Element parent = child(project, "parent");
                version = parent == null ? null : childText(parent, "version");
            }
            String classifier = null;
            NodeList plugins = project.getElementsByTagName("plugin");
            for (int i = 0; i < plugins.getLength(); i++) {
                Element plugin = (Element) plugins.item(i);
                if ("spring-boot-maven-plugin".equals(childText(plugin, "artifactId"))) {
                    Element configuration = child(plugin, "configuration");
                    classifier = configuration == null ? null : childText(configuration, "classifier");
                }
            }
            if (artifactId == null || version == null) {
                throw new IllegalArgumentException("pom.xml without artifactId or version");
            }
            Set<String> dependencies = new TreeSet<>();
            Element dependenciesElement = child(project, "dependencies");
            if (dependenciesElement != null) {
                for (Node n = dependenciesElement.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element dependency && "dependency".equals(dependency.getTagName())) {
                        dependencies.add(childText(dependency, "artifactId"));
                    }
                }
            }
            return new ModulePom(artifactId, version, classifier, Set.copyOf(dependencies));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("Unreadable pom.xml: " + e.getMessage(), e);
        }
    }

    boolean dependsOn(String otherArtifactId) {
        return dependencies.contains(otherArtifactId);
    }

    /** The executable jar Maven leaves in target/, e.g. {@code order-query-service-0.1.0-SNAPSHOT-exec.jar}. */
    String execJarName() {
        return artifactId + "-" + version + (execClassifier == null ? "" : "-" + execClassifier) + ".jar";
    }

    /** The release the image is tagged with: the version without -SNAPSHOT. */
    String releaseVersion() {
        return version.replaceFirst("-SNAPSHOT$", "");
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static String childText(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
