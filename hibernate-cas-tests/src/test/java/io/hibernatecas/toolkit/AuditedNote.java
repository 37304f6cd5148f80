package io.hibernatecas.toolkit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostUpdate;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.hibernate.annotations.UpdateTimestamp;

/** JPA callbacks on the entity and in an entity listener (as Spring Data's auditing), and an update timestamp. */
@Entity
@Table(name = "toolkit_audited_note")
@EntityListeners(AuditListener.class)
public class AuditedNote {

    @Id
    private Long id;

    @Version
    private int version;

    @Column(unique = true, nullable = false)
    private String title;

    private String body;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "edited_by")
    private String editedBy;

    private int edits;

    @UpdateTimestamp
    @Column(name = "modified_at")
    private Instant modifiedAt;

    @Transient
    private int postPersistCalls;

    @Transient
    private int postUpdateCalls;

    protected AuditedNote() {
    }

    public AuditedNote(Long id, String title) {
        this.id = id;
        this.title = title;
    }

    @PrePersist
    void prePersist() {
        createdBy = "callback";
    }

    @PostPersist
    void postPersist() {
        postPersistCalls++;
    }

    @PreUpdate
    void preUpdate() {
        edits++;
    }

    @PostUpdate
    void postUpdate() {
        postUpdateCalls++;
    }

    public Long getId() {
        return id;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public int getPostPersistCalls() {
        return postPersistCalls;
    }

    public int getPostUpdateCalls() {
        return postUpdateCalls;
    }

    public Instant getModifiedAt() {
        return modifiedAt;
    }

    void setEditedBy(String editedBy) {
        this.editedBy = editedBy;
    }
}
