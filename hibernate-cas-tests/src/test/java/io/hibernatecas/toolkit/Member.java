package io.hibernatecas.toolkit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;

/** Two unique keys besides the (assigned) identifier: {@code email}, the natural key, and {@code handle}. */
@Entity
@Table(name = "toolkit_member",
        uniqueConstraints = @UniqueConstraint(name = "uk_member_handle", columnNames = "handle"))
public class Member {

    @Id
    private Long id;

    @Version
    private int version;

    @Column(unique = true, nullable = false)
    private String email;

    @Column(nullable = false)
    private String handle;

    protected Member() {
    }

    public Member(Long id, String email, String handle) {
        this.id = id;
        this.email = email;
        this.handle = handle;
    }

    public Long getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getHandle() {
        return handle;
    }
}
