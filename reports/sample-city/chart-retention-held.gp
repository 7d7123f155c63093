# retention-held: What each retention length would hold at the period's end
# Re-run in this folder with: gnuplot chart-retention-held.gp
set terminal svg size 900,540 fixed noenhanced font 'DejaVu Sans,17' background rgb 'white'
set output 'chart-retention-held.svg'
set title "What each retention length would hold at the period's end\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set ylabel 'vehicles held'
set y2label 'reads held'
set ytics nomirror
set xrange [-0.6:4.6]
set key tmargin right vertical samplen 1.5
set bmargin 5
set style fill solid 0.85 border -1
set boxwidth 0.6
set yrange [0:20000]
set ytics ("0" 0, "5,000" 5000, "10,000" 10000, "15,000" 15000, "20,000" 20000)
set y2range [0:200000]
set y2tics ("0" 0, "50,000" 50000, "100,000" 100000, "150,000" 150000, "200,000" 200000)
set xtics ("1 day" 0, "7 days" 1, "policy (30 days)" 2, "90 days" 3, "365 days" 4)
plot 'chart-retention-held.dat' using 0:4 with boxes lc rgb '#0072B2' title 'vehicles held (left axis)', \
     '' using 0:5 with boxes lc rgb '#E69F00' title 'of which never raised an alert (left axis)', \
     '' using 0:4:7 with labels offset 0,0.8 notitle, \
     '' using 0:3 axes x1y2 with linespoints pt 7 lw 2 lc rgb '#D55E00' title 'reads held (right axis)'
set terminal pngcairo size 900,540 noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-retention-held.png'
replot
set output
