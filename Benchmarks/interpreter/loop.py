total = 0
i = 0
while i < 1_000_000:
    total += i % 7 * 3
    i += 1
print(total)
