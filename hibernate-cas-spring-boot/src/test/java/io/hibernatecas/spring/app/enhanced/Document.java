package io.hibernatecas.spring.app.enhanced;

import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/**
 * Bytecode-enhanced at build time ({@code EnhanceTestEntities}): inline dirty tracking and a lazy {@code body}.
 * Not part of the docs' example.
 */
@Entity
public class Document {

    @Id
    private Long id;

    @Version
    private long version;

    private String title;

    @Basic(fetch = FetchType.LAZY)
    private String body;

    protected Document() {
    }

    public long getVersion() {
        return version;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getBody() {
        return body;
    }
}
